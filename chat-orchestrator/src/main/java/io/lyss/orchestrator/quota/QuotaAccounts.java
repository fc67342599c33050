package io.lyss.orchestrator.quota;

import io.lyss.events.governance.BudgetSet;
import io.lyss.events.governance.RateLimitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * This instance's budget and rate-limit accounts, created on first use. Returns idle leases in the background and
 * every lease at shutdown, so that a stopped instance leaves nothing to expire.
 */
public class QuotaAccounts implements SmartLifecycle {

    private record Rate(RateLimitSet limit, RateAccount account) {}

    private final QuotaClient client;
    private final QuotaProperties properties;
    private final Map<String, BudgetAccount> budgets = new ConcurrentHashMap<>();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public QuotaAccounts(QuotaClient client, QuotaProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    BudgetAccount budgetAccount(BudgetSet budget) {
        return budgets.computeIfAbsent(
                budget.budgetId(),
                id -> new BudgetAccount(
                        (minTokens, desiredTokens, minCost, desiredCost) -> client.takeLease(
                                id,
                                Map.of(
                                        "workspaceId", budget.workspaceId(),
                                        "instanceId", properties.instanceId(),
                                        "minTokens", minTokens,
                                        "desiredTokens", desiredTokens,
                                        "minCostMicros", minCost,
                                        "desiredCostMicros", desiredCost)),
                        (leaseId, spentTokens, spentCost) ->
                                client.settleLease(id, leaseId, budget.workspaceId(), spentTokens, spentCost),
                        System::nanoTime,
                        properties.leaseSafetyMargin().toNanos(),
                        properties.refusalBackoff().toNanos(),
                        chunk(budget.tokenLimit(), properties.budgetChunks()),
                        chunk(budget.costLimitMicros(), properties.budgetChunks())));
    }

    RateAccount rateAccount(RateLimitSet limit) {
        Rate rate = rates.get(limit.rateLimitId());
        if (rate == null || !rate.limit().equals(limit)) {
            rate = rates.compute(
                    limit.rateLimitId(),
                    (id, existing) -> existing != null && existing.limit().equals(limit)
                            ? existing
                            : new Rate(limit, newRateAccount(limit)));
        }
        return rate.account();
    }

    private RateAccount newRateAccount(RateLimitSet limit) {
        int chunks = properties.rateLimitChunks();
        return new RateAccount(
                (minRequests, desiredRequests, minTokens, desiredTokens) -> client.takeAllowance(
                        limit.rateLimitId(),
                        Map.of(
                                "workspaceId", limit.workspaceId(),
                                "instanceId", properties.instanceId(),
                                "minRequests", minRequests,
                                "desiredRequests", desiredRequests,
                                "minTokens", minTokens,
                                "desiredTokens", desiredTokens)),
                System::nanoTime,
                chunk(limit.requestsPerMinute(), chunks),
                chunk(limit.tokensPerMinute(), chunks));
    }

    /** A 1/chunks slice of a limit, at least 1; 0 when there is no limit. */
    private static long chunk(Long limit, int chunks) {
        int slices = Math.max(1, chunks);
        return limit == null ? 0 : Math.max(1, (limit + slices - 1) / slices);
    }

    /** True when no lease is held: every reservation of this instance has been settled and returned. */
    public boolean holdsNoLease() {
        return budgets.values().stream().allMatch(BudgetAccount::holdsNothing);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lyss-lease-return").factory());
        long idle = properties.leaseIdleReturn().toNanos();
        scheduler.scheduleWithFixedDelay(
                () -> budgets.values().forEach(account -> account.returnIfIdle(idle)), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
        budgets.values().forEach(BudgetAccount::returnAll);
    }

    /** Stops after the web server, whose requests in flight still settle. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
