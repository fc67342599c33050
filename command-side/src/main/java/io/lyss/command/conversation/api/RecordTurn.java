package io.lyss.command.conversation.api;

import io.lyss.events.memory.EncryptedContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record one finished turn and what it spent. Sent by the chat orchestrator after the answer has reached the
 * client; sending the same turn twice records it once. A {@code spendReason} of {@code memory} marks a call the
 * memory projector made to extract memories: only its spend is recorded (reason MEMORY), not a conversation turn.
 *
 * @param workflow the workflow run that produced the turn; null when the orchestrator reported none
 * @param cacheSaving set when the answer came from the cache: the turn then spent nothing upstream
 * @param requestHash the exact-cache key of a reusable answer; null when it must not be reused
 * @param content the question and answer sealed under the subject's data key (then {@code question} and
 *     {@code answer} are null); null when they are given in plain text
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
        String spendReason,
        WorkflowTimeline workflow,
        CacheSaving cacheSaving,
        String requestHash,
        EncryptedContent content) {

    /** A turn answered upstream, without a workflow timeline. */
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
                null,
                null,
                null,
                null);
    }
}
