package io.lyss.command.admin;

import io.lyss.command.access.AccessPolicy;
import io.lyss.command.access.ResourceView;
import io.lyss.command.channel.api.UpdateChannel;
import io.lyss.command.scope.CallProvenance;
import io.lyss.events.governance.WorkspaceRole;
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

/** Listing and changing the channels of a workspace (admin role). Secrets are never returned. */
@RestController
@RequestMapping("/admin/v1/workspaces/{workspaceId}/channels")
class ChannelsController {

    private final ChannelAdmin channels;
    private final AccessPolicy policy;

    ChannelsController(ChannelAdmin channels, AccessPolicy policy) {
        this.channels = channels;
        this.policy = policy;
    }

    /** A channel as listed: everything but its secret, of which only the sealing master key is shown. */
    record ChannelView(
            String id,
            String name,
            String provider,
            String baseUrl,
            List<String> models,
            int priority,
            int weight,
            boolean enabled,
            String secretMasterKeyId) {

        static ChannelView of(ResourceView.ChannelEntry c) {
            return new ChannelView(
                    c.channelId(),
                    c.name(),
                    c.provider().name().toLowerCase(java.util.Locale.ROOT),
                    c.baseUrl(),
                    c.models(),
                    c.priority(),
                    c.weight(),
                    c.enabled(),
                    c.secret() == null ? null : c.secret().masterKeyId());
        }
    }

    @GetMapping
    List<ChannelView> list(@PathVariable String workspaceId) {
        return channels.list(workspaceId).stream().map(ChannelView::of).toList();
    }

    @PutMapping("/{channelId}")
    ResponseEntity<Void> update(
            @PathVariable String workspaceId,
            @PathVariable String channelId,
            @Valid @RequestBody AdminRequests.UpdateChannelRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        if (request.baseUrl() != null) {
            ProviderDefaults.requireHttpUrl(request.baseUrl());
        }
        var changes = new UpdateChannel(
                channelId, workspaceId, request.baseUrl(), request.models(), request.priority(), request.weight());
        channels.update(workspaceId, channelId, changes, CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{channelId}/disable")
    ResponseEntity<Void> disable(
            @PathVariable String workspaceId,
            @PathVariable String channelId,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        channels.enable(workspaceId, channelId, false, CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{channelId}/enable")
    ResponseEntity<Void> enable(
            @PathVariable String workspaceId,
            @PathVariable String channelId,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        channels.enable(workspaceId, channelId, true, CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{channelId}/secret")
    ResponseEntity<Void> rotateSecret(
            @PathVariable String workspaceId,
            @PathVariable String channelId,
            @Valid @RequestBody AdminRequests.RotateChannelSecretRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        channels.rotateSecret(workspaceId, channelId, request.apiKey().trim(), CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }
}
