package io.lyss.events.usage;

import io.lyss.events.LyssEvent;

/**
 * Tokens a request spent upstream, and what they cost.
 *
 * @param requestId the turn or call that spent them
 * @param cachedTokens prompt tokens the provider served from its own cache
 * @param costMicros cost in millionths of the price table's currency unit
 * @param priceVersion the price table version the cost was computed with
 * @param estimated true when the provider gave no usage and the counts were estimated
 */
public record TokensSpent(
        String requestId,
        String workspaceId,
        String keyId,
        String model,
        String channelId,
        long promptTokens,
        long completionTokens,
        long cachedTokens,
        long costMicros,
        String priceVersion,
        SpendReason reason,
        boolean estimated)
        implements LyssEvent {}
