package io.lyss.orchestrator.quota;

import java.util.function.LongSupplier;

/**
 * This instance's share of one rate limit in the current minute. Admitting is local; when the share runs out a
 * larger one is asked of the command side, which never hands out more than the limit per minute in total.
 */
final class RateAccount {

    /** Asks the command side for an allowance of at least the minimum, ideally the desired amount. */
    interface AllowanceSource {
        QuotaClient.Allowance take(long minRequests, long desiredRequests, long minTokens, long desiredTokens);
    }

    private final AllowanceSource source;
    private final LongSupplier nanoClock;
    private final long chunkRequests;
    private final long chunkTokens;
    private long requestsLeft;
    private long tokensLeft;
    private long validUntilNanos;
    private long exhaustedUntilNanos = Long.MIN_VALUE;

    RateAccount(AllowanceSource source, LongSupplier nanoClock, long chunkRequests, long chunkTokens) {
        this.source = source;
        this.nanoClock = nanoClock;
        this.chunkRequests = chunkRequests;
        this.chunkTokens = chunkTokens;
        this.validUntilNanos = nanoClock.getAsLong();
    }

    /**
     * Counts one request of at most {@code tokens} tokens.
     *
     * @return 0 when admitted, else the seconds until the minute ends (for Retry-After)
     */
    synchronized long admit(long requests, long tokens) {
        long now = nanoClock.getAsLong();
        if (now >= validUntilNanos) {
            requestsLeft = 0;
            tokensLeft = 0;
        }
        if (requestsLeft < requests || tokensLeft < tokens) {
            if (now < exhaustedUntilNanos) {
                return secondsUntil(exhaustedUntilNanos, now);
            }
            try {
                QuotaClient.Allowance allowance =
                        source.take(requests, Math.max(requests, chunkRequests), tokens, Math.max(tokens, chunkTokens));
                long until = now + allowance.validForMillis() * 1_000_000;
                if (until - validUntilNanos > 1_000_000_000L) {
                    // The allowance is for a minute after the one the leftovers belong to.
                    requestsLeft = 0;
                    tokensLeft = 0;
                }
                validUntilNanos = until;
                requestsLeft += allowance.requests();
                tokensLeft += allowance.tokens();
            } catch (QuotaClient.RefusedException e) {
                long retryAfterSeconds = Math.max(1, e.retryAfterSeconds());
                exhaustedUntilNanos = now + retryAfterSeconds * 1_000_000_000;
                return retryAfterSeconds;
            }
        }
        requestsLeft -= requests;
        tokensLeft -= tokens;
        return 0;
    }

    /** Gives back tokens counted at their worst case but not spent, if the minute they were counted in goes on. */
    synchronized void refund(long tokens) {
        if (nanoClock.getAsLong() < validUntilNanos) {
            tokensLeft += tokens;
        }
    }

    private static long secondsUntil(long untilNanos, long now) {
        return Math.max(1, (untilNanos - now + 999_999_999) / 1_000_000_000);
    }
}
