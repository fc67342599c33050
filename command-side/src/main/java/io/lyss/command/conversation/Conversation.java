package io.lyss.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lyss.command.conversation.api.CacheSaving;
import io.lyss.command.conversation.api.DeleteConversation;
import io.lyss.command.conversation.api.GiveMessageFeedback;
import io.lyss.command.conversation.api.RecordOpeningTurn;
import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.conversation.api.RenameConversation;
import io.lyss.command.conversation.api.WorkflowTimeline;
import io.lyss.command.eventstore.EventStoreConfiguration;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.conversation.ConversationDeleted;
import io.lyss.events.conversation.ConversationRenamed;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.MessageFeedbackGiven;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.events.workflow.WorkflowRunRecorded;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation: its turns, what they spent (or saved through the cache), the workflow runs that produced them,
 * its name and its ratings. It belongs to one workspace for life; once deleted it takes no further changes. Long
 * conversations are loaded from a snapshot (its fields, by Jackson) plus the events after it.
 */
@Aggregate(
        snapshotTriggerDefinition = EventStoreConfiguration.HOT_AGGREGATE_SNAPSHOTS,
        cache = EventStoreConfiguration.HOT_AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
class Conversation {

    @AggregateIdentifier
    private String conversationId;

    private String workspaceId;
    private boolean deleted;
    private final Set<String> recordedTurns = new HashSet<>();

    Conversation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordTurn command) {
        if (conversationId == null) {
            apply(new ConversationStarted(
                    command.conversationId(), command.workspaceId(), command.keyId(), command.api()));
        } else {
            requireLiveIn(command.workspaceId());
        }
        if (recordedTurns.contains(command.turnId())) {
            return;
        }
        if ("memory".equals(command.spendReason())) {
            // the memory projector's extraction call: its spend is recorded, it is not a conversation turn
            apply(spent(command, SpendReason.MEMORY));
            return;
        }
        apply(new TurnCompleted(
                command.conversationId(),
                command.turnId(),
                command.workspaceId(),
                command.keyId(),
                command.model(),
                command.channelId(),
                command.question(),
                command.answer(),
                command.finishReason(),
                command.latencyMillis(),
                command.firstTokenMillis(),
                command.endUserId(),
                command.cacheSaving() == null ? command.requestHash() : null,
                command.content()));
        if (command.cacheSaving() == null) {
            apply(spent(command, SpendReason.CHAT));
        } else {
            apply(cacheHit(command, command.cacheSaving()));
        }
        if (command.workflow() != null) {
            apply(workflowRun(command, command.workflow()));
        }
    }

    /** A conversation the orchestrator has just opened: created without reading the event store first. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(RecordOpeningTurn command) {
        handle(command.turn());
    }

    @CommandHandler
    void handle(RenameConversation command) {
        requireLiveIn(command.workspaceId());
        apply(new ConversationRenamed(
                conversationId,
                workspaceId,
                command.name(),
                command.endUserId(),
                command.keyId(),
                command.sealedName()));
    }

    @CommandHandler
    void handle(DeleteConversation command) {
        requireLiveIn(command.workspaceId());
        apply(new ConversationDeleted(conversationId, workspaceId));
    }

    @CommandHandler
    void handle(GiveMessageFeedback command) {
        requireLiveIn(command.workspaceId());
        if (!recordedTurns.contains(command.messageId())) {
            throw new NotFoundInWorkspaceException("message", command.messageId());
        }
        apply(new MessageFeedbackGiven(
                conversationId,
                command.messageId(),
                workspaceId,
                command.rating(),
                command.content(),
                command.endUserId(),
                command.keyId(),
                command.sealedContent()));
    }

    private void requireLiveIn(String workspace) {
        if (deleted || !workspaceId.equals(workspace)) {
            throw new NotFoundInWorkspaceException("conversation", conversationId);
        }
    }

    private static TokensSpent spent(RecordTurn command, SpendReason reason) {
        return new TokensSpent(
                command.turnId(),
                command.workspaceId(),
                command.keyId(),
                command.model(),
                command.channelId(),
                command.promptTokens(),
                command.completionTokens(),
                command.cachedTokens(),
                command.costMicros(),
                command.priceVersion(),
                reason,
                command.usageEstimated());
    }

    private static CacheHit cacheHit(RecordTurn command, CacheSaving saving) {
        return new CacheHit(
                command.turnId(),
                command.workspaceId(),
                command.keyId(),
                command.model(),
                saving.kind(),
                saving.sourceTurnId(),
                saving.similarity(),
                saving.savedPromptTokens(),
                saving.savedCompletionTokens(),
                saving.savedCostMicros(),
                command.priceVersion());
    }

    private static WorkflowRunRecorded workflowRun(RecordTurn command, WorkflowTimeline run) {
        return new WorkflowRunRecorded(
                run.runId(),
                command.turnId(),
                command.conversationId(),
                command.workspaceId(),
                command.keyId(),
                command.api(),
                run.status(),
                run.error(),
                run.startedAt(),
                run.finishedAt(),
                run.elapsedMicros(),
                run.totalTokens(),
                run.nodes());
    }

    @EventSourcingHandler
    void on(ConversationStarted event) {
        this.conversationId = event.conversationId();
        this.workspaceId = event.workspaceId();
    }

    @EventSourcingHandler
    void on(TurnCompleted event) {
        recordedTurns.add(event.turnId());
    }

    @EventSourcingHandler
    void on(TokensSpent event) {
        recordedTurns.add(event.requestId()); // a memory extraction call records its spend only
    }

    @EventSourcingHandler
    void on(ConversationDeleted event) {
        this.deleted = true;
    }
}
