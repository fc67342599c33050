package io.lyss.command.conversation;

import io.lyss.command.conversation.api.RecordOpeningTurn;
import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationTest {

    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
    }

    @Test
    void theFirstTurnStartsTheConversationAndRecordsItsSpend() {
        fixture.givenNoPriorActivity()
                .when(turn("turn_1", "ws_1"))
                .expectEvents(
                        new ConversationStarted("conv_1", "ws_1", "key_1", "openai"),
                        completed("turn_1"),
                        spent("turn_1"));
    }

    @Test
    void anOpeningTurnStartsItsConversationWithoutLookingItUp() {
        fixture.givenNoPriorActivity()
                .when(new RecordOpeningTurn(turn("turn_1", "ws_1")))
                .expectEvents(
                        new ConversationStarted("conv_1", "ws_1", "key_1", "openai"),
                        completed("turn_1"),
                        spent("turn_1"));
    }

    @Test
    void aLaterTurnAddsToTheConversation() {
        fixture.given(new ConversationStarted("conv_1", "ws_1", "key_1", "openai"), completed("turn_1"))
                .when(turn("turn_2", "ws_1"))
                .expectEvents(completed("turn_2"), spent("turn_2"));
    }

    @Test
    void theSameTurnReportedTwiceIsRecordedOnce() {
        fixture.given(new ConversationStarted("conv_1", "ws_1", "key_1", "openai"), completed("turn_1"))
                .when(turn("turn_1", "ws_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aConversationNeverChangesWorkspace() {
        fixture.given(new ConversationStarted("conv_1", "ws_1", "key_1", "openai"))
                .when(turn("turn_2", "ws_2"))
                .expectException(NotFoundInWorkspaceException.class)
                .expectNoEvents();
    }

    @Test
    void aMemoryExtractionCallRecordsOnlyItsSpendWithReasonMemory() {
        RecordTurn extraction = turn("turn_m", "ws_1", "memory");
        fixture.given(new ConversationStarted("conv_1", "ws_1", "key_1", "openai"))
                .when(extraction)
                .expectEvents(new TokensSpent(
                        "turn_m",
                        "ws_1",
                        "key_1",
                        "gpt-4o-mini",
                        "ch_1",
                        12,
                        3,
                        0,
                        9,
                        "2026-11-01",
                        SpendReason.MEMORY,
                        false));
        fixture.given(
                        new ConversationStarted("conv_1", "ws_1", "key_1", "openai"),
                        new TokensSpent(
                                "turn_m",
                                "ws_1",
                                "key_1",
                                "gpt-4o-mini",
                                "ch_1",
                                12,
                                3,
                                0,
                                9,
                                "2026-11-01",
                                SpendReason.MEMORY,
                                false))
                .when(extraction)
                .expectNoEvents();
    }

    @Test
    void aReusableAnswerCarriesItsRequestHash() {
        var reusable = new RecordTurn(
                "conv_1",
                "turn_1",
                "ws_1",
                "key_1",
                "openai",
                "gpt-4o-mini",
                "ch_1",
                "Hi?",
                "Hello!",
                "stop",
                120,
                40,
                12,
                3,
                0,
                9,
                "2026-11-01",
                false,
                "end-user-1",
                null,
                null,
                null,
                "abc123",
                null);
        fixture.given(new ConversationStarted("conv_1", "ws_1", "key_1", "openai"))
                .when(reusable)
                .expectEvents(
                        new TurnCompleted(
                                "conv_1",
                                "turn_1",
                                "ws_1",
                                "key_1",
                                "gpt-4o-mini",
                                "ch_1",
                                "Hi?",
                                "Hello!",
                                "stop",
                                120,
                                40,
                                "end-user-1",
                                "abc123"),
                        spent("turn_1"));
    }

    private static RecordTurn turn(String turnId, String workspaceId) {
        return turn(turnId, workspaceId, null);
    }

    private static RecordTurn turn(String turnId, String workspaceId, String spendReason) {
        return new RecordTurn(
                "conv_1",
                turnId,
                workspaceId,
                "key_1",
                "openai",
                "gpt-4o-mini",
                "ch_1",
                "Hi?",
                "Hello!",
                "stop",
                120,
                40,
                12,
                3,
                0,
                9,
                "2026-11-01",
                false,
                "end-user-1",
                spendReason,
                null,
                null,
                null,
                null);
    }

    private static TurnCompleted completed(String turnId) {
        return new TurnCompleted(
                "conv_1",
                turnId,
                "ws_1",
                "key_1",
                "gpt-4o-mini",
                "ch_1",
                "Hi?",
                "Hello!",
                "stop",
                120,
                40,
                "end-user-1");
    }

    private static TokensSpent spent(String turnId) {
        return new TokensSpent(
                turnId, "ws_1", "key_1", "gpt-4o-mini", "ch_1", 12, 3, 0, 9, "2026-11-01", SpendReason.CHAT, false);
    }
}
