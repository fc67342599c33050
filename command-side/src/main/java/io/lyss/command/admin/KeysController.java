package io.lyss.command.admin;

import io.lyss.command.access.AccessPolicy;
import io.lyss.command.access.ResourceView;
import io.lyss.command.scope.CallProvenance;
import io.lyss.security.access.AdminPrincipal;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Listing, rotating and re-scoping the virtual keys of a workspace. */
@RestController
@RequestMapping("/admin/v1/workspaces/{workspaceId}/keys")
class KeysController {

    private final KeyAdmin keys;
    private final AccessPolicy policy;

    KeysController(KeyAdmin keys, AccessPolicy policy) {
        this.keys = keys;
        this.policy = policy;
    }

    @GetMapping
    List<ResourceView.KeyEntry> list(@PathVariable String workspaceId) {
        return keys.list(workspaceId);
    }

    @PostMapping("/{keyId}/rotate")
    KeyAdmin.RotatedKey rotate(
            @PathVariable String workspaceId,
            @PathVariable String keyId,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireKeyManagement(caller, workspaceId, keys.ownerOf(workspaceId, keyId));
        return keys.rotate(workspaceId, keyId, CallProvenance.of(caller, requestId));
    }

    @PutMapping("/{keyId}/models")
    ResponseEntity<Void> changeModels(
            @PathVariable String workspaceId,
            @PathVariable String keyId,
            @Valid @RequestBody AdminRequests.ChangeModelsRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireKeyManagement(caller, workspaceId, keys.ownerOf(workspaceId, keyId));
        keys.changeModels(workspaceId, keyId, request.models(), CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    /** {@code {"semantic": true|false}}: the key's requests use the semantic cache unless they say otherwise. */
    @PutMapping("/{keyId}/cache")
    ResponseEntity<Void> changeCache(
            @PathVariable String workspaceId,
            @PathVariable String keyId,
            @Valid @RequestBody AdminRequests.CacheSettingRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireKeyManagement(caller, workspaceId, keys.ownerOf(workspaceId, keyId));
        keys.changeSemanticCache(workspaceId, keyId, request.semantic(), CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }
}
