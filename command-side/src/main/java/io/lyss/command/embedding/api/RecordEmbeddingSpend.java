package io.lyss.command.embedding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record what one {@code POST /v1/embeddings} call spent upstream. Recording the same request again records nothing.
 *
 * @param estimated true when the provider reported no usage and the tokens were counted by Lyss
 */
public record RecordEmbeddingSpend(
        @TargetAggregateIdentifier String requestId,
        String workspaceId,
        String keyId,
        String model,
        String channelId,
        long promptTokens,
        long costMicros,
        String priceVersion,
        boolean estimated) {}
