package io.lyss.command.budget;

import io.lyss.command.budget.api.BudgetIds;
import io.lyss.command.budget.api.SetBudget;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.command.scope.ScopeChecks;
import io.lyss.events.governance.BudgetPeriod;
import io.lyss.events.governance.BudgetScope;
import io.lyss.events.governance.BudgetSet;
import io.lyss.events.usage.BudgetLeaseExpired;
import io.lyss.events.usage.BudgetLeaseGranted;
import io.lyss.events.usage.BudgetLeaseSettled;
import java.util.Locale;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/** Sets budgets and reports their state, read from the budget's own event stream. */
@Service
class BudgetAdmin {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ScopeChecks scopes;

    BudgetAdmin(CommandGateway commands, EventStore eventStore, ScopeChecks scopes) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.scopes = scopes;
    }

    String setBudget(String workspaceId, BudgetRequests.SetBudgetRequest request, Provenance provenance) {
        scopes.requireWorkspace(workspaceId);
        BudgetScope scope = parse(BudgetScope.class, request.scope(), "scope");
        BudgetPeriod period =
                request.period() == null ? BudgetPeriod.TOTAL : parse(BudgetPeriod.class, request.period(), "period");
        if (request.tokenLimit() == null && request.costLimitMicros() == null) {
            throw new IllegalArgumentException("tokenLimit or costLimitMicros is required");
        }
        String scopeId = scope == BudgetScope.WORKSPACE ? workspaceId : request.scopeId();
        if (scope != BudgetScope.WORKSPACE && !scopes.exists(scopeId)) {
            throw new NotFoundInWorkspaceException(scope.name().toLowerCase(Locale.ROOT), String.valueOf(scopeId));
        }
        String budgetId = BudgetIds.forScope(scopeId);
        var command = new SetBudget(
                budgetId,
                workspaceId,
                scope,
                scopeId,
                request.tokenLimit(),
                request.costLimitMicros(),
                period,
                request.expiresAt());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        return budgetId;
    }

    BudgetStatus status(String workspaceId, String budgetId) {
        BudgetLedger ledger = new BudgetLedger();
        if (BudgetIds.isBudgetId(budgetId)) {
            eventStore.readEvents(budgetId, 0L).asStream().forEach(message -> {
                switch (message.getPayload()) {
                    case BudgetSet set -> ledger.on(set);
                    case BudgetLeaseGranted granted -> ledger.on(granted);
                    case BudgetLeaseSettled settled -> ledger.on(settled);
                    case BudgetLeaseExpired expired -> ledger.on(expired);
                    default -> {}
                }
            });
        }
        if (ledger.workspaceId == null || !ledger.workspaceId.equals(workspaceId)) {
            throw new NotFoundInWorkspaceException("budget", budgetId);
        }
        return BudgetStatus.of(ledger);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
