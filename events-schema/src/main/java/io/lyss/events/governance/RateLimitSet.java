package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * A rate limit was set (or changed) for a scope, counted per UTC minute across every orchestrator instance.
 *
 * @param rateLimitId one rate limit per scope, derived from it ({@code rl_<scopeId>})
 * @param requestsPerMinute most requests per minute; null for no request limit
 * @param tokensPerMinute most tokens (prompt + completion, counted at their worst case) per minute; null for none
 */
public record RateLimitSet(
        String rateLimitId,
        String workspaceId,
        RateLimitScope scope,
        String scopeId,
        Long requestsPerMinute,
        Long tokensPerMinute)
        implements LyssEvent {}
