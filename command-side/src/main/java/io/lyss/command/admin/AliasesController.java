package io.lyss.command.admin;

import io.lyss.command.access.AccessPolicy;
import io.lyss.command.access.ResourceView;
import io.lyss.command.alias.ModelAlias;
import io.lyss.command.alias.api.DefineModelAlias;
import io.lyss.command.alias.api.RemoveModelAlias;
import io.lyss.command.scope.CallProvenance;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Model aliases: a public model name routed to chosen channels under their upstream model names (admin role). */
@RestController
@RequestMapping("/admin/v1/workspaces/{workspaceId}/aliases")
class AliasesController {

    private final AdminCommands commands;
    private final ResourceView resources;
    private final AccessPolicy policy;

    AliasesController(AdminCommands commands, ResourceView resources, AccessPolicy policy) {
        this.commands = commands;
        this.resources = resources;
        this.policy = policy;
    }

    @GetMapping
    List<ModelAliasDefined> list(@PathVariable String workspaceId) {
        return resources.aliasesOf(workspaceId);
    }

    @PutMapping("/{alias}")
    ResponseEntity<Void> define(
            @PathVariable String workspaceId,
            @PathVariable String alias,
            @Valid @RequestBody AdminRequests.DefineAliasRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        if (alias.isBlank() || alias.length() > 200) {
            throw new InvalidRequestException("alias", "must be 1-200 characters");
        }
        List<ModelAliasDefined.Target> targets = request.targets().stream()
                .map(target -> new ModelAliasDefined.Target(target.channelId(), target.upstreamModel()))
                .toList();
        for (ModelAliasDefined.Target target : targets) {
            if (resources.channel(target.channelId(), workspaceId).isEmpty()) {
                throw new NotFoundInWorkspaceException("channel", target.channelId());
            }
        }
        commands.send(
                new DefineModelAlias(ModelAlias.idOf(workspaceId, alias), workspaceId, alias, targets),
                CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{alias}")
    ResponseEntity<Void> remove(
            @PathVariable String workspaceId,
            @PathVariable String alias,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        String aliasId = ModelAlias.idOf(workspaceId, alias);
        if (resources.aliasesOf(workspaceId).stream()
                .noneMatch(defined -> defined.aliasId().equals(aliasId))) {
            throw new NotFoundInWorkspaceException("alias", alias);
        }
        commands.send(new RemoveModelAlias(aliasId, workspaceId), CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }
}
