package io.lyss.orchestrator.recording;

/**
 * A finished turn as reported to the command side ({@code POST /internal/v1/turns}).
 *
 * @param requestHash the exact-cache key when the answer may be reused; null otherwise
 * @param cacheKind {@code exact} or {@code semantic} when the answer came from the cache (the tokens and cost are
 *     then what it saved); null when a provider answered
 */
public record FinishedTurn(
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
        String endUserId,
        String requestHash,
        String cacheKind,
        String cacheSourceTurnId,
        double cacheSimilarity) {

    /** A turn answered by a provider, whose answer is not to be reused. */
    public FinishedTurn(
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
                null,
                null,
                0);
    }

    @Override
    public String toString() {
        return "FinishedTurn[" + turnId + ", " + workspaceId + ", " + model + "]";
    }
}
