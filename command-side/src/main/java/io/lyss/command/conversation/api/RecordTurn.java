package io.lyss.command.conversation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record one finished turn and what it spent. Sent by the chat orchestrator after the answer has reached the
 * client; sending the same turn twice records it once.
 *
 * @param requestHash the exact-cache key of a reusable answer; null when it must not be reused
 * @param cacheHit set when the answer came from the cache: then the tokens and cost are what it saved
 */
public record RecordTurn(
        @TargetAggregateIdentifier String conversationId,
        String turnId,
        String workspaceId,
        String keyId,
        String api,
        String model,
        String channelId,
        String question,
        String answer,
        String finishReason,
        long latencyMillis,
        long firstTokenMillis,
        long promptTokens,
        long completionTokens,
        long cachedTokens,
        long costMicros,
        String priceVersion,
        boolean usageEstimated,
        String endUserId,
        String requestHash,
        CacheHitDetails cacheHit) {

    /** How a cached answer was found. */
    public record CacheHitDetails(String kind, String sourceTurnId, double similarity) {}

    /** A turn answered by a provider, not to be reused. */
    public RecordTurn(
            String conversationId,
            String turnId,
            String workspaceId,
            String keyId,
            String api,
            String model,
            String channelId,
            String question,
            String answer,
            String finishReason,
            long latencyMillis,
            long firstTokenMillis,
            long promptTokens,
            long completionTokens,
            long cachedTokens,
            long costMicros,
            String priceVersion,
            boolean usageEstimated,
            String endUserId) {
        this(
                conversationId,
                turnId,
                workspaceId,
                keyId,
                api,
                model,
                channelId,
                question,
                answer,
                finishReason,
                latencyMillis,
                firstTokenMillis,
                promptTokens,
                completionTokens,
                cachedTokens,
                costMicros,
                priceVersion,
                usageEstimated,
                endUserId,
                null,
                null);
    }
}
