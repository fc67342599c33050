package io.lyss.events.governance;

import io.lyss.events.LyssEvent;
import java.time.Instant;

/**
 * A budget was set (or changed) for a scope. Limits are hard: no request is admitted that could spend past them.
 *
 * @param budgetId one budget per scope, derived from it ({@code bud_<scopeId>})
 * @param scopeId the workspace, user or key id the budget caps
 * @param tokenLimit most tokens (prompt + completion) per period; null for no token limit
 * @param costLimitMicros most cost per period in millionths of the price table's currency; null for no cost limit
 * @param expiresAt after this instant the budget admits nothing more; null for never
 */
public record BudgetSet(
        String budgetId,
        String workspaceId,
        BudgetScope scope,
        String scopeId,
        Long tokenLimit,
        Long costLimitMicros,
        BudgetPeriod period,
        Instant expiresAt)
        implements LyssEvent {}
