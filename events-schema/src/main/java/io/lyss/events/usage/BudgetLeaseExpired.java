package io.lyss.events.usage;

import io.lyss.events.LyssEvent;

/**
 * A lease was not settled in time (its instance died or lost touch), so its whole amount is counted as spent:
 * a crash can make a budget stop early, never overrun.
 */
public record BudgetLeaseExpired(String budgetId, String workspaceId, String leaseId, long tokens, long costMicros)
        implements LyssEvent {}
