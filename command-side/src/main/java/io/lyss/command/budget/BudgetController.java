package io.lyss.command.budget;

import io.lyss.command.scope.CallProvenance;
import io.lyss.security.access.AdminPrincipal;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for budgets: one per workspace, user or key; setting it again replaces its limits. */
@RestController
@RequestMapping("/admin/v1/workspaces/{workspaceId}/budgets")
class BudgetController {

    private final BudgetAdmin admin;

    BudgetController(BudgetAdmin admin) {
        this.admin = admin;
    }

    @PostMapping
    ResponseEntity<BudgetStatus> setBudget(
            @PathVariable String workspaceId,
            @Valid @RequestBody BudgetRequests.SetBudgetRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        String budgetId = admin.setBudget(workspaceId, request, CallProvenance.of(caller, requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/budgets/" + budgetId))
                .body(admin.status(workspaceId, budgetId));
    }

    @GetMapping("/{budgetId}")
    BudgetStatus status(@PathVariable String workspaceId, @PathVariable String budgetId) {
        return admin.status(workspaceId, budgetId);
    }
}
