package io.lyss.command.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lyss.command.budget.api.BudgetExhaustedException;
import io.lyss.command.budget.api.ExpireBudgetLeases;
import io.lyss.command.budget.api.GrantBudgetLease;
import io.lyss.command.budget.api.GrantedLease;
import io.lyss.command.budget.api.SetBudget;
import io.lyss.command.budget.api.SettleBudgetLease;
import io.lyss.command.eventstore.EventStoreConfiguration;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.BudgetSet;
import io.lyss.events.usage.BudgetLeaseExpired;
import io.lyss.events.usage.BudgetLeaseGranted;
import io.lyss.events.usage.BudgetLeaseSettled;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A hard spending limit. Orchestrator instances never spend from it directly: they hold leases (escrow) granted
 * here and settle them with the real spend, so the sum of spend and open leases never exceeds the limit however
 * many requests run at once. An unsettled lease expires counted as fully spent.
 */
@Aggregate(
        snapshotTriggerDefinition = BudgetConfiguration.SNAPSHOT_TRIGGER,
        cache = EventStoreConfiguration.HOT_AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
class Budget {

    @AggregateIdentifier
    private String budgetId;

    private final BudgetLedger ledger = new BudgetLedger();

    Budget() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetBudget command) {
        if (budgetId != null && !ledger.workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("budget", command.budgetId());
        }
        requireNonNegative(command.tokenLimit(), "tokenLimit");
        requireNonNegative(command.costLimitMicros(), "costLimitMicros");
        apply(new BudgetSet(
                command.budgetId(),
                command.workspaceId(),
                command.scope(),
                command.scopeId(),
                command.tokenLimit(),
                command.costLimitMicros(),
                command.period(),
                command.expiresAt()));
    }

    @CommandHandler
    GrantedLease handle(GrantBudgetLease command) {
        requireWorkspace(command.workspaceId());
        expireOverdue(command.now());
        if (ledger.expiresAt != null && !command.now().isBefore(ledger.expiresAt)) {
            throw new BudgetExhaustedException("The budget expired at " + ledger.expiresAt + ".");
        }
        String period = BudgetLedger.periodAt(ledger.period, command.now());
        long tokens = grantable(
                ledger.tokenLimit, ledger.freeTokens(period), command.minTokens(), command.desiredTokens(), "token");
        long cost = grantable(
                ledger.costLimitMicros,
                ledger.freeCostMicros(period),
                command.minCostMicros(),
                command.desiredCostMicros(),
                "cost");
        Instant expiresAt = command.now().plus(command.ttl());
        apply(new BudgetLeaseGranted(
                budgetId,
                ledger.workspaceId,
                command.leaseId(),
                command.instanceId(),
                tokens,
                cost,
                period,
                expiresAt));
        return new GrantedLease(command.leaseId(), tokens, cost, expiresAt);
    }

    @CommandHandler
    void handle(SettleBudgetLease command) {
        requireWorkspace(command.workspaceId());
        if (ledger.open.containsKey(command.leaseId()) || ledger.expired.containsKey(command.leaseId())) {
            apply(new BudgetLeaseSettled(
                    budgetId, ledger.workspaceId, command.leaseId(), command.spentTokens(), command.spentCostMicros()));
        }
        expireOverdue(command.now());
    }

    @CommandHandler
    Instant handle(ExpireBudgetLeases command) {
        expireOverdue(command.now());
        return ledger.earliestOpenExpiry().orElse(null);
    }

    private void expireOverdue(Instant now) {
        List<BudgetLedger.Lease> overdue = ledger.open.values().stream()
                .filter(lease -> !now.isBefore(lease.expiresAt()))
                .toList();
        for (BudgetLedger.Lease lease : overdue) {
            apply(new BudgetLeaseExpired(
                    budgetId, ledger.workspaceId, lease.leaseId(), lease.tokens(), lease.costMicros()));
        }
    }

    /** What to grant of one measure: 0 when unlimited, else as much as desired and free, and at least the minimum. */
    private static long grantable(Long limit, long free, long minimum, long desired, String measure) {
        if (limit == null) {
            return 0;
        }
        if (free < Math.max(minimum, 1)) {
            throw new BudgetExhaustedException("The " + measure + " budget is spent or held by requests in flight.");
        }
        return Math.min(Math.max(desired, minimum), free);
    }

    private void requireWorkspace(String workspaceId) {
        if (!ledger.workspaceId.equals(workspaceId)) {
            throw new NotFoundInWorkspaceException("budget", budgetId);
        }
    }

    private static void requireNonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
    }

    @EventSourcingHandler
    void on(BudgetSet event) {
        budgetId = event.budgetId();
        ledger.on(event);
    }

    @EventSourcingHandler
    void on(BudgetLeaseGranted event) {
        ledger.on(event);
    }

    @EventSourcingHandler
    void on(BudgetLeaseSettled event) {
        ledger.on(event);
    }

    @EventSourcingHandler
    void on(BudgetLeaseExpired event) {
        ledger.on(event);
    }
}
