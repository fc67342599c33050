package io.lyss.events.usage;

import io.lyss.events.LyssEvent;

/**
 * An instance returned a lease with what its requests really spent; the rest of the lease is free again. A lease
 * settled after it expired corrects the conservative charge of its expiry down to the real spend.
 */
public record BudgetLeaseSettled(
        String budgetId, String workspaceId, String leaseId, long spentTokens, long spentCostMicros)
        implements LyssEvent {}
