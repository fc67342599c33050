package io.lyss.command.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A finished turn as reported by a chat orchestrator over {@code POST /internal/v1/turns}. A turn answered from
 * the cache names the cache hit; its tokens and cost are then what the hit saved.
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
        String requestHash,
        @Pattern(regexp = "exact|semantic") String cacheKind,
        String cacheSourceTurnId,
        double cacheSimilarity) {}
