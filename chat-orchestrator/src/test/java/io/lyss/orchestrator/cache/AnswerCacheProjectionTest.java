package io.lyss.orchestrator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.embedding.CallerThreadMiniLm;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import org.junit.jupiter.api.Test;

class AnswerCacheProjectionTest {

    private static final String ASKED = "{\"messages\":[{\"content\":\"What is the capital of France?\"}]}";

    private final ProjectedAnswerCache cache =
            new ProjectedAnswerCache(100, new SemanticIndex(CallerThreadMiniLm::new, 0.85, 100));
    private final AnswerCacheFeed feed = new AnswerCacheFeed(cache, "127.0.0.1:1");

    @Test
    void aCompletedTurnAndItsSpendBecomeAnExactEntryThatRemembersItsCost() {
        project("ws_1", "turn_1", CanonicalRequest.hash(ASKED), "stop");

        var hit = cache.lookup(lookup("ws_1", ASKED, "What is the capital of France?", false));

        assertThat(hit).hasValueSatisfying(answer -> {
            assertThat(answer.kind()).isEqualTo("exact");
            assertThat(answer.sourceTurnId()).isEqualTo("turn_1");
            assertThat(answer.answer()).isEqualTo("Paris.");
            assertThat(answer.promptTokens()).isEqualTo(14);
            assertThat(answer.completionTokens()).isEqualTo(2);
            assertThat(answer.costMicros()).isEqualTo(33);
        });
        assertThat(cache.lookup(lookup("ws_2", ASKED, "What is the capital of France?", false)))
                .as("another workspace")
                .isEmpty();
    }

    @Test
    void aSimilarQuestionMatchesOnlyWhenSemanticMatchingWasAskedFor() {
        project("ws_1", "turn_1", CanonicalRequest.hash(ASKED), "stop");
        String other = "{\"messages\":[{\"content\":\"what's the capital city of France\"}]}";

        assertThat(cache.lookup(lookup("ws_1", other, "what's the capital city of France", false)))
                .isEmpty();
        assertThat(cache.lookup(lookup("ws_1", other, "what's the capital city of France", true)))
                .hasValueSatisfying(answer -> {
                    assertThat(answer.kind()).isEqualTo("semantic");
                    assertThat(answer.similarity()).isBetween(0.85, 1.0);
                });
        assertThat(cache.lookup(lookup("ws_1", other, "How do I bake sourdough bread?", true)))
                .isEmpty();
    }

    @Test
    void unfinishedOrNonReusableAnswersAreNotCached() {
        project("ws_1", "turn_1", CanonicalRequest.hash(ASKED), "aborted");
        project("ws_1", "turn_2", null, "stop");

        assertThat(cache.lookup(lookup("ws_1", ASKED, "What is the capital of France?", true)))
                .isEmpty();
    }

    private void project(String workspace, String turnId, String requestHash, String finishReason) {
        feed.apply(new TurnCompleted(
                "conv_" + turnId,
                turnId,
                workspace,
                "key_1",
                "gpt-4o-mini",
                "ch_1",
                "What is the capital of France?",
                "Paris.",
                finishReason,
                300,
                100,
                null,
                requestHash));
        feed.apply(new TokensSpent(
                turnId, workspace, "key_1", "gpt-4o-mini", "ch_1", 14, 2, 0, 33, "v1", SpendReason.CHAT, false));
    }

    private static CacheLookup lookup(String workspace, String canonical, String question, boolean semantic) {
        return new CacheLookup(workspace, "key_1", "gpt-4o-mini", canonical, question, semantic);
    }
}
