package io.lyss.memory.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.memory.index.MemoryHash;
import io.lyss.memory.index.MemoryRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedExtractorTest {

    private final RuleBasedExtractor extractor = new RuleBasedExtractor();

    @Test
    void firstPersonStatementsBecomeThirdPersonFacts() {
        Decisions decisions = extractor.decide(
                "ws",
                List.of(new Message(
                        "user",
                        "Hi! My name is Ada and I live in Lisbon, and I work at Acme Labs. I'm allergic to peanuts."
                                + " My favourite colour is teal. I like sailing.")),
                List.of());

        assertThat(decisions.extractor()).isEqualTo("rules");
        assertThat(decisions.decisions())
                .extracting(Decision::event, Decision::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Name is Ada"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Lives in Lisbon"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Works at Acme Labs"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Is allergic to peanuts"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Favourite colour is teal"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Likes sailing"));
    }

    @Test
    void theAssistantsWordsAreNotFactsAboutTheUser() {
        Decisions decisions = extractor.decide(
                "ws", List.of(new Message("assistant", "I live in a data centre and I like questions.")), List.of());

        assertThat(decisions.decisions()).isEmpty();
    }

    @Test
    void aNewPlaceUpdatesWhereTheUserLivesAndAKnownFactIsNone() {
        MemoryRecord lives = memory("m-1", "Lives in Lisbon");
        MemoryRecord likes = memory("m-2", "Likes sailing");

        Decisions decisions = extractor.decide(
                "ws", List.of(new Message("user", "I moved to Porto. I like sailing.")), List.of(lives, likes));

        assertThat(decisions.decisions())
                .extracting(
                        Decision::event,
                        Decision::text,
                        d -> d.target() == null ? null : d.target().id())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.UPDATE, "Lives in Porto", "m-1"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.NONE, "Likes sailing", "m-2"));
    }

    @Test
    void aNegativeStatementDeletesThePositiveFact() {
        MemoryRecord likes = memory("m-2", "Likes sailing");

        Decisions decisions =
                extractor.decide("ws", List.of(new Message("user", "I don't like sailing anymore.")), List.of(likes));

        assertThat(decisions.decisions())
                .extracting(Decision::event, Decision::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.DELETE, "Likes sailing"),
                        org.assertj.core.groups.Tuple.tuple(Decision.Event.ADD, "Dislikes sailing"));
    }

    static MemoryRecord memory(String id, String text) {
        return new MemoryRecord(id, text, MemoryHash.of(text), Map.of(), "ws", "u", null, null, null, null, 0.9);
    }
}
