package io.lyss.command.budget;

import io.lyss.command.budget.api.BudgetIds;
import io.lyss.command.budget.api.GrantBudgetLease;
import io.lyss.command.budget.api.GrantedLease;
import io.lyss.command.budget.api.SettleBudgetLease;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.command.scope.ScopeChecks;
import io.lyss.events.Actor;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where orchestrator instances take and return budget leases (internal bearer token). A refused lease is a 429
 * problem; the orchestrator turns it into OpenAI's {@code insufficient_quota}.
 */
@RestController
class LeaseController {

    private final CommandGateway commands;
    private final ScopeChecks scopes;
    private final LeaseExpirySweeper sweeper;
    private final BudgetProperties properties;
    private final Clock clock;

    LeaseController(
            CommandGateway commands, ScopeChecks scopes, LeaseExpirySweeper sweeper, BudgetProperties properties) {
        this.commands = commands;
        this.scopes = scopes;
        this.sweeper = sweeper;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @PostMapping("/internal/v1/budgets/{budgetId}/leases")
    BudgetRequests.LeaseGrant grant(
            @PathVariable String budgetId, @Valid @RequestBody BudgetRequests.LeaseRequest request) {
        requireBudget(budgetId);
        String leaseId = "lease_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        var command = new GrantBudgetLease(
                budgetId,
                request.workspaceId(),
                leaseId,
                request.instanceId(),
                request.minTokens(),
                request.desiredTokens(),
                request.minCostMicros(),
                request.desiredCostMicros(),
                now,
                properties.leaseTtl());
        var provenance = new Provenance(Actor.system("orchestrator:" + request.instanceId()), leaseId);
        GrantedLease granted = commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        sweeper.watch(budgetId, granted.expiresAt());
        return new BudgetRequests.LeaseGrant(
                leaseId,
                granted.tokens(),
                granted.costMicros(),
                properties.leaseTtl().toMillis());
    }

    @PostMapping("/internal/v1/budgets/{budgetId}/leases/{leaseId}/settlement")
    ResponseEntity<Void> settle(
            @PathVariable String budgetId,
            @PathVariable String leaseId,
            @Valid @RequestBody BudgetRequests.SettlementRequest request) {
        requireBudget(budgetId);
        var command = new SettleBudgetLease(
                budgetId,
                request.workspaceId(),
                leaseId,
                request.spentTokens(),
                request.spentCostMicros(),
                clock.instant());
        var provenance = new Provenance(Actor.system("orchestrator"), leaseId);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        return ResponseEntity.noContent().build();
    }

    private void requireBudget(String budgetId) {
        if (!BudgetIds.isBudgetId(budgetId) || !scopes.exists(budgetId)) {
            throw new NotFoundInWorkspaceException("budget", budgetId);
        }
    }
}
