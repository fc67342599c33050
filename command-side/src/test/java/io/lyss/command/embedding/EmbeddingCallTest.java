package io.lyss.command.embedding;

import io.lyss.command.embedding.api.RecordEmbeddingSpend;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddingCallTest {

    private static final RecordEmbeddingSpend SPEND =
            new RecordEmbeddingSpend("emb_1", "ws_1", "key_1", "text-embedding-3-small", "ch_1", 12, 3, "v1", true);
    private static final TokensSpent SPENT = new TokensSpent(
            "emb_1", "ws_1", "key_1", "text-embedding-3-small", "ch_1", 12, 0, 0, 3, "v1", SpendReason.EMBEDDING, true);

    private AggregateTestFixture<EmbeddingCall> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EmbeddingCall.class);
    }

    @Test
    void anEmbeddingsRequestSpendsTokensWithReasonEmbedding() {
        fixture.givenNoPriorActivity().when(SPEND).expectEvents(SPENT);
    }

    @Test
    void aRetriedReportRecordsNothing() {
        fixture.given(SPENT).when(SPEND).expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
