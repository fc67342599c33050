package io.lyss.orchestrator.recording;

/**
 * A finished turn as reported to the command side ({@code POST /internal/v1/turns}), with the workflow run that
 * produced it and, for an answer from the cache, what the cache saved (both may be null).
 *
 * @param spendReason {@code memory} for the memory projector's extraction calls; null for a chat turn
 * @param requestHash the exact-cache key when the answer may be reused; null otherwise
 * @param opensConversation true when the turn starts its conversation, so it need not be looked up
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
        String spendReason,
        RunTimeline workflow,
        CacheSaving cacheSaving,
        String requestHash,
        boolean opensConversation) {

    @Override
    public String toString() {
        return "FinishedTurn[" + turnId + ", " + workspaceId + ", " + model + "]";
    }
}
