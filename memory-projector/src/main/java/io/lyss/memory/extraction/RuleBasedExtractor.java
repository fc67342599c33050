package io.lyss.memory.extraction;

import io.lyss.memory.index.MemoryHash;
import io.lyss.memory.index.MemoryRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Extraction without a model: {@link FactRules} over the user's own messages, reconciled by rule. A known fact
 * is NONE, a fact of a known slot UPDATEs that memory, a negative statement DELETEs the positive fact it
 * contradicts, anything else is ADDed. Labelled {@code rules} in the events.
 */
public final class RuleBasedExtractor implements Extractor {

    public static final String LABEL = "rules";

    @Override
    public Decisions decide(String workspaceId, List<Message> conversation, List<MemoryRecord> existing) {
        List<Decision> decisions = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (Message message : conversation) {
            if (!message.fromUser() || message.content() == null) {
                continue;
            }
            for (FactRules.Fact fact : FactRules.facts(message.content())) {
                decisions.addAll(reconcile(fact, existing, touched));
            }
        }
        return new Decisions(decisions, LABEL, 0);
    }

    private static List<Decision> reconcile(FactRules.Fact fact, List<MemoryRecord> existing, Set<String> touched) {
        String hash = MemoryHash.of(fact.text());
        Optional<MemoryRecord> same = existing.stream()
                .filter(m -> hash.equals(MemoryHash.of(m.memory())))
                .findFirst();
        if (same.isPresent()) {
            return List.of(new Decision(Decision.Event.NONE, same.get().memory(), same.get()));
        }
        List<Decision> decisions = new ArrayList<>();
        if (fact.negates() != null) {
            existing.stream()
                    .filter(m -> sameText(m.memory(), fact.negates()) && touched.add(m.id()))
                    .findFirst()
                    .ifPresent(m -> decisions.add(new Decision(Decision.Event.DELETE, m.memory(), m)));
        }
        if (fact.slot() != null) {
            Optional<MemoryRecord> sameSlot = existing.stream()
                    .filter(m -> inSlot(m.memory(), fact.slot()) && !touched.contains(m.id()))
                    .findFirst();
            if (sameSlot.isPresent()) {
                touched.add(sameSlot.get().id());
                decisions.add(new Decision(Decision.Event.UPDATE, fact.text(), sameSlot.get()));
                return decisions;
            }
        }
        decisions.add(Decision.add(fact.text()));
        return decisions;
    }

    private static boolean inSlot(String memory, String slot) {
        String lower = memory.toLowerCase(Locale.ROOT);
        if (slot.endsWith("%years")) {
            return lower.startsWith("is ") && lower.endsWith(" years old");
        }
        return lower.startsWith(slot.toLowerCase(Locale.ROOT));
    }

    private static boolean sameText(String a, String b) {
        return MemoryHash.of(a).equals(MemoryHash.of(b));
    }
}
