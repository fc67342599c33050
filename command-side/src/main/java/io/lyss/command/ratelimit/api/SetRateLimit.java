package io.lyss.command.ratelimit.api;

import io.lyss.events.governance.RateLimitScope;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set or replace the rate limit of a scope. A null limit means no limit on that measure. */
public record SetRateLimit(
        @TargetAggregateIdentifier String rateLimitId,
        String workspaceId,
        RateLimitScope scope,
        String scopeId,
        Long requestsPerMinute,
        Long tokensPerMinute) {}
