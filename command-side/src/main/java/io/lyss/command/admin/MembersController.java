package io.lyss.command.admin;

import io.lyss.command.access.AccessPolicy;
import io.lyss.command.access.AccessView;
import io.lyss.command.scope.CallProvenance;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users, roles and admin API keys of a workspace. */
@RestController
@RequestMapping("/admin/v1/workspaces/{workspaceId}")
class MembersController {

    private final MemberAdmin members;
    private final AccessView access;
    private final AccessPolicy policy;

    MembersController(MemberAdmin members, AccessView access, AccessPolicy policy) {
        this.members = members;
        this.access = access;
        this.policy = policy;
    }

    @GetMapping("/users")
    List<AccessView.Member> list(@PathVariable String workspaceId) {
        return access.members(workspaceId);
    }

    @PostMapping("/users")
    ResponseEntity<AccessView.Member> createUser(
            @PathVariable String workspaceId,
            @Valid @RequestBody AdminRequests.CreateUserRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireMayAssign(caller, workspaceId, request.role());
        var member = members.registerUser(
                workspaceId,
                request.username(),
                request.password(),
                request.role(),
                CallProvenance.of(caller, requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/users/" + member.userId()))
                .body(member);
    }

    @PutMapping("/users/{userId}/role")
    ResponseEntity<Void> grantRole(
            @PathVariable String workspaceId,
            @PathVariable String userId,
            @Valid @RequestBody AdminRequests.GrantRoleRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireMayAssign(caller, workspaceId, request.role());
        access.roleOf(userId, workspaceId).ifPresent(current -> policy.requireMayAssign(caller, workspaceId, current));
        members.grantRole(workspaceId, userId, request.role(), CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/users/{userId}/role")
    ResponseEntity<Void> revokeRole(
            @PathVariable String workspaceId,
            @PathVariable String userId,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireMayAssign(
                caller, workspaceId, access.roleOf(userId, workspaceId).orElse(WorkspaceRole.VIEWER));
        members.revokeRole(workspaceId, userId, CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/users/{userId}/password")
    ResponseEntity<Void> changePassword(
            @PathVariable String workspaceId,
            @PathVariable String userId,
            @Valid @RequestBody AdminRequests.ChangePasswordRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        if (!AccessPolicy.isUser(caller, userId)) {
            policy.requireMayAssign(
                    caller, workspaceId, access.roleOf(userId, workspaceId).orElse(WorkspaceRole.VIEWER));
        }
        members.changePassword(workspaceId, userId, request.password(), CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/admin-keys")
    ResponseEntity<MemberAdmin.NewAdminKey> issueAdminKey(
            @PathVariable String workspaceId,
            @Valid @RequestBody AdminRequests.IssueAdminKeyRequest request,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        policy.requireRole(caller, workspaceId, request.role());
        var key = members.issueAdminKey(
                workspaceId, request.name(), request.role(), CallProvenance.of(caller, requestId));
        return ResponseEntity.created(URI.create("/admin/v1/workspaces/" + workspaceId + "/admin-keys/" + key.id()))
                .body(key);
    }

    @DeleteMapping("/admin-keys/{adminKeyId}")
    ResponseEntity<Void> revokeAdminKey(
            @PathVariable String workspaceId,
            @PathVariable String adminKeyId,
            @RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller,
            @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        policy.requireRole(caller, workspaceId, WorkspaceRole.ADMIN);
        members.revokeAdminKey(workspaceId, adminKeyId, CallProvenance.of(caller, requestId));
        return ResponseEntity.noContent().build();
    }
}
