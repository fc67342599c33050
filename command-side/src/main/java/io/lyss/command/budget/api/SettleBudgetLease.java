package io.lyss.command.budget.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Return a lease with what was really spent from it. Settling a lease twice, or an unknown lease, changes nothing. */
public record SettleBudgetLease(
        @TargetAggregateIdentifier String budgetId,
        String workspaceId,
        String leaseId,
        long spentTokens,
        long spentCostMicros,
        Instant now) {}
