package io.lyss.command.budget;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lyss.events.governance.BudgetPeriod;
import io.lyss.events.governance.BudgetScope;
import io.lyss.events.governance.BudgetSet;
import io.lyss.events.usage.BudgetLeaseExpired;
import io.lyss.events.usage.BudgetLeaseGranted;
import io.lyss.events.usage.BudgetLeaseSettled;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The books of one budget, folded from its events: limits, what the current period has spent, and the leases
 * still open. Shared by the {@link Budget} aggregate (which decides) and the status the admin API shows.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class BudgetLedger {

    /** A lease not yet settled, or one that expired and may still be settled late. */
    record Lease(String leaseId, String period, long tokens, long costMicros, Instant expiresAt) {}

    String budgetId;
    String workspaceId;
    BudgetScope scope;
    String scopeId;
    Long tokenLimit;
    Long costLimitMicros;
    BudgetPeriod period = BudgetPeriod.TOTAL;
    Instant expiresAt;
    String currentPeriod = "total";
    long spentTokens;
    long spentCostMicros;
    final Map<String, Lease> open = new HashMap<>();
    final Map<String, Lease> expired = new HashMap<>();

    static String periodAt(BudgetPeriod period, Instant now) {
        return period == BudgetPeriod.MONTHLY
                ? YearMonth.from(now.atOffset(ZoneOffset.UTC)).toString()
                : "total";
    }

    void on(BudgetSet event) {
        budgetId = event.budgetId();
        workspaceId = event.workspaceId();
        scope = event.scope();
        scopeId = event.scopeId();
        tokenLimit = event.tokenLimit();
        costLimitMicros = event.costLimitMicros();
        if (period != event.period()) {
            period = event.period();
            currentPeriod = null;
        }
        expiresAt = event.expiresAt();
    }

    void on(BudgetLeaseGranted event) {
        enterPeriod(event.period());
        open.put(
                event.leaseId(),
                new Lease(event.leaseId(), event.period(), event.tokens(), event.costMicros(), event.expiresAt()));
    }

    void on(BudgetLeaseSettled event) {
        Lease lease = open.remove(event.leaseId());
        if (lease != null) {
            charge(lease, event.spentTokens(), event.spentCostMicros());
            return;
        }
        Lease late = expired.remove(event.leaseId());
        if (late != null) {
            // The expiry charged the whole lease; the real spend replaces that charge.
            charge(late, event.spentTokens() - late.tokens(), event.spentCostMicros() - late.costMicros());
        }
    }

    void on(BudgetLeaseExpired event) {
        Lease lease = open.remove(event.leaseId());
        if (lease != null) {
            expired.put(lease.leaseId(), lease);
            charge(lease, event.tokens(), event.costMicros());
        }
    }

    /** Tokens still free in a period: the limit less what was spent and what open leases hold. */
    long freeTokens(String periodKey) {
        return tokenLimit == null ? Long.MAX_VALUE : tokenLimit - spentIn(periodKey, true) - leasedIn(periodKey, true);
    }

    long freeCostMicros(String periodKey) {
        return costLimitMicros == null
                ? Long.MAX_VALUE
                : costLimitMicros - spentIn(periodKey, false) - leasedIn(periodKey, false);
    }

    long leasedIn(String periodKey, boolean tokens) {
        return open.values().stream()
                .filter(lease -> lease.period().equals(periodKey))
                .mapToLong(lease -> tokens ? lease.tokens() : lease.costMicros())
                .sum();
    }

    Optional<Instant> earliestOpenExpiry() {
        return open.values().stream().map(Lease::expiresAt).min(Instant::compareTo);
    }

    private long spentIn(String periodKey, boolean tokens) {
        if (!periodKey.equals(currentPeriod)) {
            return 0;
        }
        return tokens ? spentTokens : spentCostMicros;
    }

    private void enterPeriod(String periodKey) {
        if (!periodKey.equals(currentPeriod)) {
            currentPeriod = periodKey;
            spentTokens = 0;
            spentCostMicros = 0;
        }
    }

    private void charge(Lease lease, long tokens, long costMicros) {
        if (lease.period().equals(currentPeriod)) {
            spentTokens += tokens;
            spentCostMicros += costMicros;
        }
    }
}
