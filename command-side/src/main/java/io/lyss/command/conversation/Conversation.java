package io.lyss.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.eventstore.EventStoreConfiguration;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation: its turns and the tokens they spent. It belongs to one workspace for life. Long conversations
 * are loaded from a snapshot (its fields, by Jackson) plus the events after it.
 */
@Aggregate(snapshotTriggerDefinition = EventStoreConfiguration.HOT_AGGREGATE_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
class Conversation {

    @AggregateIdentifier
    private String conversationId;

    private String workspaceId;
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
        } else if (!workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("conversation", command.conversationId());
        }
        if (recordedTurns.contains(command.turnId())) {
            return;
        }
        boolean memoryExtraction = "memory".equals(command.spendReason());
        if (!memoryExtraction) {
            recordTurn(command);
        }
        apply(new TokensSpent(
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
                memoryExtraction ? SpendReason.MEMORY : SpendReason.CHAT,
                command.usageEstimated()));
    }

    private void recordTurn(RecordTurn command) {
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
                command.endUserId()));
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
}
