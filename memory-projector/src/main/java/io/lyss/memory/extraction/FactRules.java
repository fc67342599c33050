package io.lyss.memory.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic patterns for first-person statements ("my name is", "I live in", "I like"...), each turned into a
 * third-person fact. A fact with a slot (where one lives, one's name) replaces an older fact of the same slot.
 */
final class FactRules {

    /**
     * @param text the memory text
     * @param slot the prefix every memory of the same slot starts with; null when facts of this kind add up
     * @param negates for a negative statement, the positive fact it contradicts
     */
    record Fact(String text, String slot, String negates) {}

    private record Rule(Pattern pattern, String template, String slotTemplate, boolean negative) {}

    private static final String VALUE = "([^,;]{1,80}?)";
    private static final List<Rule> RULES = List.of(
            rule("\\bmy name is " + VALUE + "$", "Name is $1", "Name is "),
            rule("\\bi(?: am|'m) (\\d{1,3}) years old", "Is $1 years old", "Is %years"),
            rule("\\bi (?:live|am living|'m living|now live) in " + VALUE + "$", "Lives in $1", "Lives in "),
            rule("\\bi (?:moved|have moved|'ve moved) to " + VALUE + "$", "Lives in $1", "Lives in "),
            rule("\\bi(?: am|'m) from " + VALUE + "$", "Is from $1", "Is from "),
            rule("\\bi (?:work|am working|'m working) (?:at|for) " + VALUE + "$", "Works at $1", "Works at "),
            rule("\\bmy favou?rite ([a-z ]{2,30}?) is " + VALUE + "$", "Favourite $1 is $2", "Favourite $1 is "),
            rule("\\bi(?: am|'m) allergic to " + VALUE + "$", "Is allergic to $1", null),
            negative(
                    "\\bi (?:don't|do not|dont|no longer) (?:really )?(?:like|love|enjoy) " + VALUE + "(?: anymore)?$"),
            negative("\\bi (?:hate|dislike) " + VALUE + "$"),
            rule("\\bi (?:really )?(?:like|love|enjoy) " + VALUE + "$", "Likes $1", null),
            rule("\\bi speak " + VALUE + "$", "Speaks $1", null),
            rule("\\bi have an? " + VALUE + "$", "Has a $1", null),
            rule("\\bmy ([a-z' ]{2,30}?) is " + VALUE + "$", "$1 is $2", "$1 is "),
            rule("\\bi(?: am|'m) an? " + VALUE + "$", "Is a $1", null));

    private FactRules() {}

    static List<Fact> facts(String statement) {
        List<Fact> facts = new ArrayList<>();
        for (String sentence :
                statement.replace('\u2019', '\'').split("[.!?;\\n]+|,?\\s+(?i:and|but)\\s+(?=(?i:i|my|i'm)\\b)")) {
            String original = sentence.strip();
            String clean = original.toLowerCase(Locale.ROOT);
            for (Rule rule : RULES) {
                Matcher matcher = rule.pattern().matcher(clean);
                if (matcher.find()) {
                    facts.add(fact(rule, new Groups(matcher, clean.length() == original.length() ? original : clean)));
                    break;
                }
            }
        }
        return facts;
    }

    /** The groups of a match on the lower-cased sentence, read from the sentence as written. */
    private record Groups(Matcher matcher, String source) {
        int count() {
            return matcher.groupCount();
        }

        String group(int n) {
            return source.substring(matcher.start(n), matcher.end(n));
        }
    }

    private static Fact fact(Rule rule, Groups matcher) {
        if (rule.negative()) {
            String thing = value(matcher.group(1));
            return new Fact("Dislikes " + thing, null, "Likes " + thing);
        }
        String text = fill(rule.template(), matcher);
        String slot = rule.slotTemplate() == null ? null : fill(rule.slotTemplate(), matcher);
        return new Fact(capitalise(text), slot == null ? null : capitalise(slot), null);
    }

    private static String fill(String template, Groups matcher) {
        String filled = template;
        for (int group = matcher.count(); group >= 1; group--) {
            filled = filled.replace("$" + group, value(matcher.group(group)));
        }
        return filled;
    }

    private static String value(String raw) {
        return raw.strip().replaceAll("\\s+(too|now|anymore|as well)$", "").strip();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Rule rule(String regex, String template, String slot) {
        return new Rule(Pattern.compile(regex), template, slot, false);
    }

    private static Rule negative(String regex) {
        return new Rule(Pattern.compile(regex), null, null, true);
    }
}
