package io.lyss.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.CacheHit;
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

/** A conversation: its turns and the tokens they spent. It belongs to one workspace for life. */
@Aggregate
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
                command.cacheHit() == null ? command.requestHash() : null));
        if (command.cacheHit() != null) {
            apply(new CacheHit(
                    command.turnId(),
                    command.workspaceId(),
                    command.keyId(),
                    command.model(),
                    command.cacheHit().kind(),
                    command.cacheHit().sourceTurnId(),
                    command.cacheHit().similarity(),
                    command.promptTokens(),
                    command.completionTokens(),
                    command.costMicros(),
                    command.priceVersion()));
            return;
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
                SpendReason.CHAT,
                command.usageEstimated()));
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
}
