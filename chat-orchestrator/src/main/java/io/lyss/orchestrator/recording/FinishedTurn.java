package io.lyss.orchestrator.recording;

/** A finished turn as reported to the command side ({@code POST /internal/v1/turns}). */
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
        String endUserId) {

    @Override
    public String toString() {
        return "FinishedTurn[" + turnId + ", " + workspaceId + ", " + model + "]";
    }
}
