package io.lyss.command.admin;

import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for workspaces, channels and virtual keys. Guarded by the admin bearer token. */
@RestController
@RequestMapping("/admin/v1/workspaces")
class GovernanceController {

    private final GovernanceAdmin admin;

    GovernanceController(GovernanceAdmin admin) {
        this.admin = admin;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> createWorkspace(
            @Valid @RequestBody AdminRequests.CreateWorkspaceRequest request,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        String workspaceId = admin.createWorkspace(request.name(), provenance(requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId))
                .body(Map.of("id", workspaceId, "name", request.name()));
    }

    @PostMapping("/{workspaceId}/channels")
    ResponseEntity<GovernanceAdmin.ChannelDescription> addChannel(
            @PathVariable String workspaceId,
            @Valid @RequestBody AdminRequests.AddChannelRequest request,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        var channel = admin.addChannel(workspaceId, ProviderDefaults.toSpec(request), provenance(requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/channels/" + channel.id()))
                .body(channel);
    }

    @PostMapping("/{workspaceId}/keys")
    ResponseEntity<GovernanceAdmin.NewApiKey> issueApiKey(
            @PathVariable String workspaceId,
            @Valid @RequestBody AdminRequests.IssueApiKeyRequest request,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        List<String> models = request.models() == null ? List.of() : request.models();
        var key = admin.issueApiKey(workspaceId, request.name(), models, provenance(requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/keys/" + key.id()))
                .body(key);
    }

    @DeleteMapping("/{workspaceId}/keys/{keyId}")
    ResponseEntity<Void> revokeApiKey(
            @PathVariable String workspaceId,
            @PathVariable String keyId,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        admin.revokeApiKey(workspaceId, keyId, provenance(requestId));
        return ResponseEntity.noContent().build();
    }

    private static Provenance provenance(String requestId) {
        String correlationId = requestId == null || requestId.isBlank() || requestId.length() > 100
                ? UUID.randomUUID().toString()
                : requestId;
        return new Provenance(Actor.adminToken(), correlationId);
    }
}
