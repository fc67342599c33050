package io.lyss.command.conversation;

import io.lyss.command.conversation.api.CacheSaving;
import io.lyss.command.conversation.api.DeleteConversation;
import io.lyss.command.conversation.api.GiveMessageFeedback;
import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.conversation.api.RenameConversation;
import io.lyss.command.conversation.api.WorkflowTimeline;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.conversation.ConversationDeleted;
import io.lyss.events.conversation.ConversationRenamed;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.MessageFeedbackGiven;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.workflow.NodeRun;
import io.lyss.events.workflow.WorkflowRunRecorded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dify's conversation operations and the workflow and cache facts a turn carries. */
class ConversationLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final ConversationStarted STARTED = new ConversationStarted("conv_1", "ws_1", "key_1", "dify");

    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
    }

    @Test
    void aTurnAnsweredFromTheCacheRecordsWhatItSavedAndItsWorkflowRunInsteadOfASpend() {
        var nodes = List.of(
                node("start", "succeeded"),
                node("cache", "succeeded"),
                node("llm", "skipped"),
                node("end", "succeeded"));
        var run = new WorkflowTimeline("run_1", "succeeded", null, T0, T0.plusMillis(3), 3000, 0, nodes);
        var saving = new CacheSaving("exact", "turn_0", 1.0, 12, 3, 9);

        fixture.given(STARTED)
                .when(turn(run, saving))
                .expectEvents(
                        completed(),
                        new CacheHit("turn_1", "ws_1", "key_1", "m", "exact", "turn_0", 1.0, 12, 3, 9, "v1"),
                        new WorkflowRunRecorded(
                                "run_1",
                                "turn_1",
                                "conv_1",
                                "ws_1",
                                "key_1",
                                "dify",
                                "succeeded",
                                null,
                                T0,
                                T0.plusMillis(3),
                                3000,
                                0,
                                nodes));
    }

    @Test
    void aConversationCanBeRenamedInItsWorkspaceOnly() {
        fixture.given(STARTED)
                .when(new RenameConversation("conv_1", "ws_1", "Trip"))
                .expectEvents(new ConversationRenamed("conv_1", "ws_1", "Trip"));
        fixture.given(STARTED)
                .when(new RenameConversation("conv_1", "ws_2", "Trip"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void aDeletedConversationTakesNoFurtherTurnsOrChanges() {
        fixture.given(STARTED)
                .when(new DeleteConversation("conv_1", "ws_1"))
                .expectEvents(new ConversationDeleted("conv_1", "ws_1"));
        fixture.given(STARTED, new ConversationDeleted("conv_1", "ws_1"))
                .when(turn(null, null))
                .expectException(NotFoundInWorkspaceException.class)
                .expectNoEvents();
        fixture.given(STARTED, new ConversationDeleted("conv_1", "ws_1"))
                .when(new DeleteConversation("conv_1", "ws_1"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void feedbackIsAcceptedForARecordedMessageOnly() {
        fixture.given(STARTED, completed())
                .when(new GiveMessageFeedback("conv_1", "ws_1", "turn_1", "like", "great", "u1"))
                .expectEvents(new MessageFeedbackGiven("conv_1", "turn_1", "ws_1", "like", "great", "u1"));
        fixture.given(STARTED, completed())
                .when(new GiveMessageFeedback("conv_1", "ws_1", "turn_9", "like", null, "u1"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    private static NodeRun node(String type, String status) {
        return new NodeRun(type, type, type, 0, status, null, T0, T0, 10, 0, 0, Map.of());
    }

    private static RecordTurn turn(WorkflowTimeline run, CacheSaving saving) {
        return new RecordTurn(
                "conv_1", "turn_1", "ws_1", "key_1", "dify", "m", "cache", "Q", "A", "stop", 3, 1, 12, 3, 0, 0, "v1",
                false, "u1", null, run, saving, null, null);
    }

    private static TurnCompleted completed() {
        return new TurnCompleted("conv_1", "turn_1", "ws_1", "key_1", "m", "cache", "Q", "A", "stop", 3, 1, "u1");
    }
}
