package io.lyss.command.ratelimit.api;

/** One rate limit per scope: its id is derived from the scope's id, so setting it again replaces it. */
public final class RateLimitIds {

    private static final String PREFIX = "rl_";

    private RateLimitIds() {}

    public static String forScope(String scopeId) {
        return PREFIX + scopeId;
    }

    public static boolean isRateLimitId(String id) {
        return id != null && id.startsWith(PREFIX) && id.length() <= 200;
    }
}
