package io.lyss.command.ratelimit.api;

/** This minute's limit is used up (or handed out to other instances); the next minute starts afresh. */
public class RateLimitExhaustedException extends RuntimeException {

    public RateLimitExhaustedException(String reason) {
        super(reason, null, false, false);
    }
}
