package io.lyss.command.access;

import io.lyss.command.scope.ForbiddenException;
import io.lyss.events.Actor;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The rules of the admin API: which role a change needs. Reading a workspace needs any role there (checked by the
 * guard); changing channels, aliases, members and admin keys needs admin; members manage their own virtual keys;
 * granting or removing an owner needs an owner; platform operations need the bootstrap administrator.
 */
@Component
public class AccessPolicy {

    public void requireRole(AdminPrincipal caller, String workspaceId, WorkspaceRole needed) {
        WorkspaceRole held = caller.roleIn(workspaceId).orElse(null);
        if (held == null || !held.includes(needed)) {
            throw new ForbiddenException("This needs the " + name(needed) + " role in workspace '" + workspaceId
                    + "'; you have " + (held == null ? "none" : "the " + name(held) + " role") + ".");
        }
    }

    public void requirePlatformAdmin(AdminPrincipal caller) {
        if (!caller.isPlatformAdmin()) {
            throw new ForbiddenException("Only the platform administrator (the bootstrap admin token) may do this.");
        }
    }

    /** Admins manage every key of their workspace; members only keys they own. */
    public void requireKeyManagement(AdminPrincipal caller, String workspaceId, String keyOwnerUserId) {
        if (caller.roleIn(workspaceId)
                .filter(role -> role.includes(WorkspaceRole.ADMIN))
                .isPresent()) {
            return;
        }
        requireRole(caller, workspaceId, WorkspaceRole.MEMBER);
        if (!isUser(caller, keyOwnerUserId)) {
            throw new ForbiddenException("Members may only manage virtual keys they own.");
        }
    }

    /** Whoever grants a role must hold it; owners alone grant or remove owners. */
    public void requireMayAssign(AdminPrincipal caller, String workspaceId, WorkspaceRole role) {
        requireRole(caller, workspaceId, role == WorkspaceRole.OWNER ? WorkspaceRole.OWNER : WorkspaceRole.ADMIN);
    }

    public static boolean isUser(AdminPrincipal caller, String userId) {
        return userId != null
                && caller.actor().kind() == Actor.Kind.USER
                && caller.actor().id().equals(userId);
    }

    private static String name(WorkspaceRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
