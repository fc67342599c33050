package io.lyss.command.ingest;

import io.lyss.command.conversation.api.CacheSaving;
import io.lyss.command.conversation.api.WorkflowTimeline;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A finished turn as reported by a chat orchestrator over {@code POST /internal/v1/turns}, with the workflow run
 * that produced it and, for an answer from the cache, what the cache saved (both optional).
 */
record TurnReport(
        @NotBlank String conversationId,
        @NotBlank String turnId,
        @NotBlank String workspaceId,
        @NotBlank String keyId,
        @NotBlank String api,
        @NotBlank String model,
        @NotBlank String channelId,
        String question,
        String answer,
        @NotBlank String finishReason,
        @PositiveOrZero long latencyMillis,
        long firstTokenMillis,
        @PositiveOrZero long promptTokens,
        @PositiveOrZero long completionTokens,
        @PositiveOrZero long cachedTokens,
        @PositiveOrZero long costMicros,
        @NotBlank String priceVersion,
        boolean usageEstimated,
        String endUserId,
        String spendReason,
        WorkflowTimeline workflow,
        CacheSaving cacheSaving,
        String requestHash) {}
