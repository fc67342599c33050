package io.lyss.command.embedding;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.embedding.api.RecordEmbeddingSpend;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One embeddings request and what it spent: a {@code TokensSpent} with reason {@code EMBEDDING}, recorded once
 * however often the orchestrator reports it. An embeddings call is not a conversation turn, so it has its own
 * small aggregate rather than a conversation.
 */
@Aggregate
class EmbeddingCall {

    @AggregateIdentifier
    private String requestId;

    EmbeddingCall() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordEmbeddingSpend command) {
        if (requestId != null) {
            return; // a retried report
        }
        apply(new TokensSpent(
                command.requestId(),
                command.workspaceId(),
                command.keyId(),
                command.model(),
                command.channelId(),
                command.promptTokens(),
                0,
                0,
                command.costMicros(),
                command.priceVersion(),
                SpendReason.EMBEDDING,
                command.estimated()));
    }

    @EventSourcingHandler
    void on(TokensSpent event) {
        this.requestId = event.requestId();
    }
}
