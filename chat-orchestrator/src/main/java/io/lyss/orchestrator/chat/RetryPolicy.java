package io.lyss.orchestrator.chat;

import java.time.Duration;

/**
 * When a failed channel is tried again and after how long: only failures a later attempt may not repeat (429,
 * 5xx, timeouts, refused connections), a bounded number of times, with exponential backoff. Everything else moves
 * straight on to the next channel.
 *
 * @param attemptsPerChannel calls to one channel before falling back to the next (1: no retry)
 * @param firstBackoff pause before the second attempt; doubled before each further one
 * @param maxBackoff the longest pause
 */
public record RetryPolicy(int attemptsPerChannel, Duration firstBackoff, Duration maxBackoff) {

    /** True when a channel that failed this way on this attempt (1-based) should be called again. */
    public boolean retries(AttemptResult.Failed failure, int attempt) {
        return attempt < attemptsPerChannel && retryable(failure.status());
    }

    /** Failures another attempt may not meet: rate limits, server errors, timeouts and connection failures. */
    public static boolean retryable(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /** The pause before attempt number {@code attempt + 1}. */
    public Duration backoffAfter(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
