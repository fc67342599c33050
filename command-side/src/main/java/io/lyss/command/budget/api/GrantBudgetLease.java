package io.lyss.command.budget.api;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set part of a budget aside for an orchestrator instance: at least the minimum (or nothing, refused with
 * {@link BudgetExhaustedException}), at most the desired amount. Measures the budget does not limit are ignored.
 *
 * @param now the command side's clock, so that the decision is a function of the command
 */
public record GrantBudgetLease(
        @TargetAggregateIdentifier String budgetId,
        String workspaceId,
        String leaseId,
        String instanceId,
        long minTokens,
        long desiredTokens,
        long minCostMicros,
        long desiredCostMicros,
        Instant now,
        Duration ttl) {}
