package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * A user's password was set anew; sessions issued before stay valid until they expire.
 *
 * @param workspaceId the workspace whose administrator (or the user) made the change
 * @param passwordHash the new password as an encoded Argon2id hash
 */
public record UserPasswordChanged(String userId, String workspaceId, String passwordHash) implements LyssEvent {

    @Override
    public String toString() {
        return "UserPasswordChanged[" + userId + ", hash redacted]";
    }
}
