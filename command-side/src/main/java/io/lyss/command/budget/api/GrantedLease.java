package io.lyss.command.budget.api;

import java.time.Instant;

/** What {@link GrantBudgetLease} set aside. */
public record GrantedLease(String leaseId, long tokens, long costMicros, Instant expiresAt) {}
