package io.lyss.standalone.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A long-conversation data set generated from a seed: per user, many turns of small talk with facts planted at
 * random turns (some of them superseded later, e.g. a move to another city), and one probe question per fact.
 */
final class PlantedConversations {

    /** One turn: what the user said and what the assistant answered. */
    record Turn(String user, String assistant) {}

    /** A planted fact: the question that probes it and the value the answer must contain. */
    record Probe(String question, String expected) {}

    /** One user's conversation and the facts planted in it (latest value of each). */
    record Conversation(String userId, List<Turn> turns, List<Probe> probes) {}

    private static final String[] CITIES = {"Lisbon", "Porto", "Oslo", "Kyoto", "Quito", "Dakar", "Hobart", "Tallinn"};
    private static final String[] COMPANIES = {"Initech", "Globex", "Umbrella", "Hooli", "Vandelay", "Acme Labs"};
    private static final String[] COLOURS = {"teal", "maroon", "ochre", "lilac", "cobalt", "saffron"};
    private static final String[] ALLERGENS = {"peanuts", "shellfish", "pollen", "penicillin", "latex"};
    private static final String[] PETS = {"Rex", "Miso", "Biscuit", "Pixel", "Juniper", "Waffles"};
    private static final String[] FOODS = {"ramen", "paella", "pierogi", "falafel", "moussaka"};
    private static final String[] HOBBIES = {"bouldering", "origami", "birdwatching", "fencing", "pottery"};
    private static final String[] LANGUAGES = {"Basque", "Icelandic", "Swahili", "Tagalog", "Welsh"};
    private static final String[] TOPICS = {
        "the history of the printing press",
        "how vaccines are tested",
        "the rules of cricket",
        "why the sky is blue",
        "how compilers optimise loops",
        "the causes of inflation",
        "how to brew green tea",
        "the life cycle of stars",
        "how bridges carry load",
        "the basics of chess openings"
    };

    private PlantedConversations() {}

    static List<Conversation> generate(int users, int turnsPerUser, long seed) {
        Random random = new Random(seed);
        List<Conversation> conversations = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            conversations.add(conversation("bench-user-" + u, turnsPerUser, random));
        }
        return conversations;
    }

    private static Conversation conversation(String userId, int turnCount, Random random) {
        String city = pick(CITIES, random);
        String movedTo = pick(CITIES, random);
        while (movedTo.equals(city)) {
            movedTo = pick(CITIES, random);
        }
        String company = pick(COMPANIES, random);
        String colour = pick(COLOURS, random);
        String allergen = pick(ALLERGENS, random);
        String pet = pick(PETS, random);
        String food = pick(FOODS, random);
        String hobby = pick(HOBBIES, random);
        String language = pick(LANGUAGES, random);
        List<String> plants = List.of(
                "By the way, I live in " + city + ".",
                "I work at " + company + ".",
                "My favourite colour is " + colour + ".",
                "I am allergic to " + allergen + ".",
                "My dog's name is " + pet + ".",
                "My favourite food is " + food + ".",
                "I really enjoy " + hobby + ".",
                "I speak " + language + ".",
                "Big news: I moved to " + movedTo + ".");
        List<Probe> probes = List.of(
                new Probe("Which city do I live in now?", movedTo),
                new Probe("Where do I work?", company),
                new Probe("What is my favourite colour?", colour),
                new Probe("What am I allergic to?", allergen),
                new Probe("What is my dog called?", pet),
                new Probe("What food do I like best?", food),
                new Probe("What hobby do I enjoy?", hobby),
                new Probe("Which language do I speak?", language));
        List<Turn> turns = new ArrayList<>();
        int[] plantedAt = new int[plants.size()];
        for (int i = 0; i < plants.size(); i++) {
            // spread the plants over the conversation, the move always after the first city
            plantedAt[i] = (int) ((i + random.nextDouble()) * (turnCount - 1) / plants.size());
        }
        int next = 0;
        for (int t = 0; t < turnCount; t++) {
            String topic = pick(TOPICS, random);
            if (next < plants.size() && t >= plantedAt[next]) {
                turns.add(new Turn(plants.get(next) + " Also, tell me about " + topic + ".", answer(topic)));
                next++;
            } else {
                turns.add(new Turn("Can you tell me about " + topic + "?", answer(topic)));
            }
        }
        return new Conversation(userId, turns, probes);
    }

    private static String answer(String topic) {
        return "Here is a short overview of " + topic + ". It has a long history, several competing explanations "
                + "and a few practical consequences that are worth knowing. The key ideas are the underlying "
                + "mechanism, the way people first discovered it, and how it is applied today. If you want, I can "
                + "go deeper into any of these parts or suggest further reading on " + topic + ".";
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
