package io.lyss.orchestrator.quota;

import io.lyss.events.LyssEvent;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.BudgetSet;
import io.lyss.events.governance.RateLimitSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budgets and rate limits in force, by the id of the scope they cap, and the owner of every key: an
 * in-memory projection fed by the governance feed, so that finding what applies to a request costs map lookups.
 */
public class QuotaView {

    private final Map<String, BudgetSet> budgetsByScope = new ConcurrentHashMap<>();
    private final Map<String, RateLimitSet> rateLimitsByScope = new ConcurrentHashMap<>();
    private final Map<String, String> ownerByKey = new ConcurrentHashMap<>();

    public void apply(LyssEvent event) {
        switch (event) {
            case BudgetSet budget -> budgetsByScope.put(budget.scopeId(), budget);
            case RateLimitSet limit -> rateLimitsByScope.put(limit.scopeId(), limit);
            case ApiKeyIssued key when key.ownerUserId() != null -> ownerByKey.put(key.keyId(), key.ownerUserId());
            default -> {
                // not something quotas depend on
            }
        }
    }

    /** The budgets a request of this key spends from: its workspace's, its owner's and its own. */
    List<BudgetSet> budgetsFor(String workspaceId, String keyId) {
        List<BudgetSet> budgets = new ArrayList<>(3);
        addBudget(budgets, workspaceId, workspaceId);
        addBudget(budgets, workspaceId, ownerByKey.get(keyId));
        addBudget(budgets, workspaceId, keyId);
        return budgets;
    }

    /** The rate limits a request of this key counts against: its workspace's and its own. */
    List<RateLimitSet> rateLimitsFor(String workspaceId, String keyId) {
        List<RateLimitSet> limits = new ArrayList<>(2);
        RateLimitSet workspace = rateLimitsByScope.get(workspaceId);
        if (workspace != null && workspace.workspaceId().equals(workspaceId)) {
            limits.add(workspace);
        }
        RateLimitSet key = rateLimitsByScope.get(keyId);
        if (key != null && key.workspaceId().equals(workspaceId)) {
            limits.add(key);
        }
        return limits;
    }

    BudgetSet budgetOf(String scopeId) {
        return budgetsByScope.get(scopeId);
    }

    RateLimitSet rateLimitOf(String scopeId) {
        return rateLimitsByScope.get(scopeId);
    }

    private void addBudget(List<BudgetSet> budgets, String workspaceId, String scopeId) {
        BudgetSet budget = scopeId == null ? null : budgetsByScope.get(scopeId);
        if (budget != null && budget.workspaceId().equals(workspaceId)) {
            budgets.add(budget);
        }
    }
}
