package io.lyss.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a user's password anew; it arrives already hashed. */
public record ChangePassword(@TargetAggregateIdentifier String userId, String workspaceId, String passwordHash) {

    @Override
    public String toString() {
        return "ChangePassword[" + userId + ", hash redacted]";
    }
}
