package io.lyss.command.budget;

import io.lyss.events.governance.BudgetPeriod;
import io.lyss.events.governance.BudgetScope;
import java.time.Instant;

/**
 * A budget as administrators see it: its limits, what the current period spent, and what open leases hold for
 * requests in flight. {@code spent + leased} never exceeds a limit.
 */
public record BudgetStatus(
        String budgetId,
        String workspaceId,
        BudgetScope scope,
        String scopeId,
        Long tokenLimit,
        Long costLimitMicros,
        BudgetPeriod period,
        Instant expiresAt,
        String currentPeriod,
        long spentTokens,
        long spentCostMicros,
        long leasedTokens,
        long leasedCostMicros,
        int openLeases) {

    static BudgetStatus of(BudgetLedger ledger) {
        String period = ledger.currentPeriod == null ? "" : ledger.currentPeriod;
        return new BudgetStatus(
                ledger.budgetId,
                ledger.workspaceId,
                ledger.scope,
                ledger.scopeId,
                ledger.tokenLimit,
                ledger.costLimitMicros,
                ledger.period,
                ledger.expiresAt,
                ledger.currentPeriod,
                ledger.spentTokens,
                ledger.spentCostMicros,
                ledger.leasedIn(period, true),
                ledger.leasedIn(period, false),
                ledger.open.size());
    }
}
