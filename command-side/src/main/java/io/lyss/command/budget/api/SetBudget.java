package io.lyss.command.budget.api;

import io.lyss.events.governance.BudgetPeriod;
import io.lyss.events.governance.BudgetScope;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set or replace the budget of a scope. A null limit means no limit on that measure. */
public record SetBudget(
        @TargetAggregateIdentifier String budgetId,
        String workspaceId,
        BudgetScope scope,
        String scopeId,
        Long tokenLimit,
        Long costLimitMicros,
        BudgetPeriod period,
        Instant expiresAt) {}
