package io.lyss.command.user.api;

import io.lyss.events.governance.WorkspaceRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a user with a first role in a workspace. The password arrives already hashed. */
public record RegisterUser(
        @TargetAggregateIdentifier String userId,
        String workspaceId,
        String username,
        String passwordHash,
        WorkspaceRole role) {

    @Override
    public String toString() {
        return "RegisterUser[" + userId + ", " + workspaceId + ", " + username + ", hash redacted]";
    }
}
