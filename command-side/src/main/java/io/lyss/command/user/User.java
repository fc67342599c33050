package io.lyss.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.user.api.ChangePassword;
import io.lyss.command.user.api.GrantRole;
import io.lyss.command.user.api.RegisterUser;
import io.lyss.command.user.api.RevokeRole;
import io.lyss.events.governance.RoleGranted;
import io.lyss.events.governance.RoleRevoked;
import io.lyss.events.governance.UserPasswordChanged;
import io.lyss.events.governance.UserRegistered;
import io.lyss.events.governance.WorkspaceRole;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A person who administers or uses Lyss, with one role per workspace. Passwords are known only as hashes. */
@Aggregate
class User {

    @AggregateIdentifier
    private String userId;

    private final Map<String, WorkspaceRole> roles = new HashMap<>();

    User() {
        // for Axon
    }

    @CommandHandler
    User(RegisterUser command) {
        if (command.passwordHash() == null || !command.passwordHash().startsWith("$argon2id$")) {
            throw new IllegalArgumentException("A user's password must arrive hashed with Argon2id");
        }
        apply(new UserRegistered(command.userId(), command.workspaceId(), command.username(), command.passwordHash()));
        apply(new RoleGranted(command.userId(), command.workspaceId(), command.role()));
    }

    @CommandHandler
    void handle(GrantRole command) {
        if (roles.get(command.workspaceId()) != command.role()) {
            apply(new RoleGranted(userId, command.workspaceId(), command.role()));
        }
    }

    @CommandHandler
    void handle(RevokeRole command) {
        WorkspaceRole held = roles.get(command.workspaceId());
        if (held == null) {
            throw new NotFoundInWorkspaceException("member", userId);
        }
        apply(new RoleRevoked(userId, command.workspaceId(), held));
    }

    @CommandHandler
    void handle(ChangePassword command) {
        if (!roles.containsKey(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("member", userId);
        }
        apply(new UserPasswordChanged(userId, command.workspaceId(), command.passwordHash()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        this.userId = event.userId();
    }

    @EventSourcingHandler
    void on(RoleGranted event) {
        roles.put(event.workspaceId(), event.role());
    }

    @EventSourcingHandler
    void on(RoleRevoked event) {
        roles.remove(event.workspaceId());
    }
}
