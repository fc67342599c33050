package io.lyss.command.ratelimit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** JSON bodies of the rate-limit APIs (admin and internal). */
final class RateLimitRequests {

    private RateLimitRequests() {}

    /** {@code scope}: workspace or key. */
    record SetRateLimitRequest(
            @NotBlank String scope,
            @Size(max = 200) String scopeId,
            @PositiveOrZero Long requestsPerMinute,
            @PositiveOrZero Long tokensPerMinute) {}

    record RateLimitView(
            String rateLimitId,
            String workspaceId,
            String scope,
            String scopeId,
            Long requestsPerMinute,
            Long tokensPerMinute) {}

    record AllowanceRequest(
            @NotBlank String workspaceId,
            @NotBlank @Size(max = 200) String instanceId,
            @PositiveOrZero long minRequests,
            @PositiveOrZero long desiredRequests,
            @PositiveOrZero long minTokens,
            @PositiveOrZero long desiredTokens) {}

    /** An allowance valid until the minute ends, {@code validForMillis} from now. */
    record Allowance(long requests, long tokens, long validForMillis) {}
}
