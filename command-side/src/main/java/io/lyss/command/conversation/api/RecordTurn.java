package io.lyss.command.conversation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record one finished turn and what it spent. Sent by the chat orchestrator after the answer has reached the
 * client; sending the same turn twice records it once. A {@code spendReason} of {@code memory} marks a call the
 * memory projector made to extract memories: only its spend is recorded (reason MEMORY), not a conversation turn.
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
        String spendReason) {}
