package io.lyss.events.governance;

/** What a rate limit counts: every request of a workspace, or those of one key. */
public enum RateLimitScope {
    WORKSPACE,
    KEY
}
