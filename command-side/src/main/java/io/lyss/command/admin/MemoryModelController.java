package io.lyss.command.admin;

import io.lyss.command.access.AccessPolicy;
import io.lyss.command.scope.CallProvenance;
import io.lyss.command.scope.ScopeChecks;
import io.lyss.command.workspace.api.ConfigureMemoryModel;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import io.lyss.security.secrets.SecretSealer;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The memory model of a workspace (admin role): recorded as {@code MemoryModelConfigured}, its virtual key sealed
 * under the master key; the memory projector applies it from the log.
 */
@RestController
class MemoryModelController {

    private final AdminCommands commands;
    private final ScopeChecks scopes;
    private final AccessPolicy policy;
    private final SecretSealer sealer;

    MemoryModelController(AdminCommands commands, ScopeChecks scopes, AccessPolicy policy, SecretSealer sealer) {
        this.commands = commands;
        this.scopes = scopes;
        this.policy = policy;
        this.sealer = sealer;
    }

    /** A model the workspace's channels serve and a virtual key of the workspace to call it with. */
    record MemoryModelRequest(String model, String virtualKey) {}

    @PutMapping("/admin/v1/workspaces/{workspaceId}/memory-model")
    Map<String, Object> configure(
            @PathVariable String workspaceId,
            @RequestBody MemoryModelRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        scopes.requireWorkspace(workspaceId);
        if (blank(request.model()) || request.model().length() > 200) {
            throw new InvalidRequestException("model", "is required (at most 200 characters)");
        }
        if (blank(request.virtualKey())) {
            throw new InvalidRequestException("virtualKey", "is required");
        }
        String model = request.model().strip();
        var sealedKey = sealer.seal(request.virtualKey().strip(), "memory-model:" + workspaceId);
        commands.send(new ConfigureMemoryModel(workspaceId, model, sealedKey), CallProvenance.of(caller, requestId));
        return Map.of("workspaceId", workspaceId, "model", model);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
