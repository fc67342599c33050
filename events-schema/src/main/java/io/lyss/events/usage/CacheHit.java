package io.lyss.events.usage;

import io.lyss.events.LyssEvent;

/**
 * A request was answered from the cache instead of a provider.
 *
 * @param requestId the turn the cached answer served
 * @param kind {@code exact} (same canonical request) or {@code semantic} (similar question)
 * @param sourceTurnId the earlier turn whose answer was reused
 * @param similarity cosine similarity for a semantic hit; 1.0 for an exact hit
 * @param savedPromptTokens prompt tokens the provider would have been paid for
 * @param savedCompletionTokens completion tokens the provider would have been paid for
 * @param savedCostMicros what those tokens would have cost, in millionths of the price table's currency unit
 * @param priceVersion the price table version the saving was computed with
 */
public record CacheHit(
        String requestId,
        String workspaceId,
        String keyId,
        String model,
        String kind,
        String sourceTurnId,
        double similarity,
        long savedPromptTokens,
        long savedCompletionTokens,
        long savedCostMicros,
        String priceVersion)
        implements LyssEvent {}
