package io.lyss.command.ratelimit.api;

/** What {@link GrantRateLimitAllowance} handed out for its minute. */
public record GrantedAllowance(long requests, long tokens) {}
