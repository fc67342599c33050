package io.lyss.command.admin;

import io.lyss.command.access.AccessPolicy;
import io.lyss.command.scope.CallProvenance;
import io.lyss.events.Actor;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for workspaces, channels and virtual keys; each call checked against the caller's role. */
@RestController
@RequestMapping("/admin/v1/workspaces")
class GovernanceController {

    private final GovernanceAdmin admin;
    private final KeyAdmin keys;
    private final AccessPolicy policy;

    GovernanceController(GovernanceAdmin admin, KeyAdmin keys, AccessPolicy policy) {
        this.admin = admin;
        this.keys = keys;
        this.policy = policy;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> createWorkspace(
            @Valid @RequestBody AdminRequests.CreateWorkspaceRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        boolean user = caller.actor().kind() == Actor.Kind.USER;
        if (!user) {
            policy.requirePlatformAdmin(caller);
        }
        String workspaceId = admin.createWorkspace(
                request.name(), user ? caller.actor().id() : null, CallProvenance.of(caller, requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId))
                .body(Map.of("id", workspaceId, "name", request.name()));
    }

    @PostMapping("/{workspaceId}/channels")
    ResponseEntity<GovernanceAdmin.ChannelDescription> addChannel(
            @PathVariable String workspaceId,
            @Valid @RequestBody AdminRequests.AddChannelRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        var channel =
                admin.addChannel(workspaceId, ProviderDefaults.toSpec(request), CallProvenance.of(caller, requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/channels/" + channel.id()))
                .body(channel);
    }

    @PostMapping("/{workspaceId}/keys")
    ResponseEntity<GovernanceAdmin.NewApiKey> issueApiKey(
            @PathVariable String workspaceId,
            @Valid @RequestBody AdminRequests.IssueApiKeyRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        List<String> models = request.models() == null ? List.of() : request.models();
        String owner = request.ownerUserId() == null && caller.actor().kind() == Actor.Kind.USER
                ? caller.actor().id()
                : request.ownerUserId();
        policy.requireKeyManagement(caller, workspaceId, owner);
        var key = admin.issueApiKey(
                workspaceId, request.name(), models, owner, request.expiresAt(), CallProvenance.of(caller, requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/keys/" + key.id()))
                .body(key);
    }

    @DeleteMapping("/{workspaceId}/keys/{keyId}")
    ResponseEntity<Void> revokeApiKey(
            @PathVariable String workspaceId,
            @PathVariable String keyId,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireKeyManagement(caller, workspaceId, keys.ownerOf(workspaceId, keyId));
        admin.revokeApiKey(workspaceId, keyId, CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }
}
