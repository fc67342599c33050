package io.lyss.command.ratelimit.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hand part of the current minute's limit to an orchestrator instance: at least the minimum (or nothing, refused
 * with {@link RateLimitExhaustedException}), at most the desired amount.
 *
 * @param epochMinute the current UTC minute by the command side's clock
 */
public record GrantRateLimitAllowance(
        @TargetAggregateIdentifier String rateLimitId,
        String workspaceId,
        String instanceId,
        long epochMinute,
        long minRequests,
        long desiredRequests,
        long minTokens,
        long desiredTokens) {}
