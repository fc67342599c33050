package io.lyss.events.usage;

import io.lyss.events.LyssEvent;

/**
 * Part of one minute's rate limit was handed to an orchestrator instance, which admits requests against it
 * locally until the minute ends.
 *
 * @param windowStartEpochMinute the UTC minute (minutes since the epoch) the allowance is valid in
 * @param requests requests granted (0 when there is no request limit)
 * @param tokens tokens granted (0 when there is no token limit)
 */
public record RateLimitAllowanceGranted(
        String rateLimitId,
        String workspaceId,
        String instanceId,
        long windowStartEpochMinute,
        long requests,
        long tokens)
        implements LyssEvent {}
