package io.lyss.command.admin;

import io.lyss.command.access.AccessView;
import io.lyss.command.adminkey.api.IssueAdminKey;
import io.lyss.command.adminkey.api.RevokeAdminKey;
import io.lyss.command.scope.ConflictException;
import io.lyss.command.scope.Ids;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.command.user.api.ChangePassword;
import io.lyss.command.user.api.GrantRole;
import io.lyss.command.user.api.RegisterUser;
import io.lyss.command.user.api.RevokeRole;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.keys.AdminKeys;
import io.lyss.security.keys.VirtualKeys;
import io.lyss.security.passwords.PasswordHasher;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/** Users, their roles per workspace, and admin API keys, as commands. Passwords are hashed here, keys hashed here. */
@Service
public class MemberAdmin {

    private final CommandGateway commands;
    private final AccessView access;
    private final PasswordHasher hasher;
    private final Object usernames = new Object();

    MemberAdmin(CommandGateway commands, AccessView access, PasswordHasher hasher) {
        this.commands = commands;
        this.access = access;
        this.hasher = hasher;
    }

    /** An admin API key as returned once at creation. */
    public record NewAdminKey(
            String id, String workspaceId, String name, String key, String prefix, WorkspaceRole role) {
        @Override
        public String toString() {
            return "NewAdminKey[" + id + ", " + prefix + "…]";
        }
    }

    public AccessView.Member registerUser(
            String workspaceId, String username, String password, WorkspaceRole role, Provenance provenance) {
        requireWorkspace(workspaceId);
        String passwordHash = hasher.hash(password);
        String userId = Ids.USER.next();
        // Usernames are unique across the platform: the check and the append must not interleave.
        synchronized (usernames) {
            if (access.userNamed(username).isPresent()) {
                throw new ConflictException("The username '" + username + "' is taken.");
            }
            send(new RegisterUser(userId, workspaceId, username, passwordHash, role), provenance);
        }
        return new AccessView.Member(userId, username, role);
    }

    public void grantRole(String workspaceId, String userId, WorkspaceRole role, Provenance provenance) {
        requireUser(userId);
        if (role != WorkspaceRole.OWNER) {
            requireAnotherOwner(workspaceId, userId);
        }
        send(new GrantRole(userId, workspaceId, role), provenance);
    }

    public void revokeRole(String workspaceId, String userId, Provenance provenance) {
        if (access.roleOf(userId, workspaceId).isEmpty()) {
            throw new NotFoundInWorkspaceException("member", userId);
        }
        requireAnotherOwner(workspaceId, userId);
        send(new RevokeRole(userId, workspaceId), provenance);
    }

    public void changePassword(String workspaceId, String userId, String password, Provenance provenance) {
        if (access.roleOf(userId, workspaceId).isEmpty()) {
            throw new NotFoundInWorkspaceException("member", userId);
        }
        send(new ChangePassword(userId, workspaceId, hasher.hash(password)), provenance);
    }

    public NewAdminKey issueAdminKey(String workspaceId, String name, WorkspaceRole role, Provenance provenance) {
        requireWorkspace(workspaceId);
        String adminKeyId = Ids.ADMIN_KEY.next();
        VirtualKeys.IssuedKey issued = AdminKeys.issue();
        send(new IssueAdminKey(adminKeyId, workspaceId, name, issued.hash(), issued.visiblePrefix(), role), provenance);
        return new NewAdminKey(adminKeyId, workspaceId, name, issued.plainKey(), issued.visiblePrefix(), role);
    }

    public void revokeAdminKey(String workspaceId, String adminKeyId, Provenance provenance) {
        if (!Ids.ADMIN_KEY.isWellFormed(adminKeyId) || !access.adminKeyExists(adminKeyId, workspaceId)) {
            throw new NotFoundInWorkspaceException("admin key", adminKeyId);
        }
        send(new RevokeAdminKey(adminKeyId, workspaceId), provenance);
    }

    /** A workspace always keeps an owner: the last one can be neither demoted nor removed. */
    private void requireAnotherOwner(String workspaceId, String userId) {
        boolean isOwner = access.roleOf(userId, workspaceId).orElse(null) == WorkspaceRole.OWNER;
        if (isOwner && access.ownersOf(workspaceId) <= 1) {
            throw new ConflictException("This is the last owner of workspace '" + workspaceId + "'.");
        }
    }

    private void requireUser(String userId) {
        if (access.user(userId).isEmpty()) {
            throw new NotFoundInWorkspaceException("user", userId);
        }
    }

    private void requireWorkspace(String workspaceId) {
        if (!access.workspaceExists(workspaceId)) {
            throw new NotFoundInWorkspaceException("workspace", workspaceId);
        }
    }

    private void send(Object command, Provenance provenance) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }
}
