package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * An administrator created a user (there is no self sign-up and no e-mail).
 *
 * @param workspaceId the workspace the user was created in
 * @param username unique login name
 * @param passwordHash the password as an encoded Argon2id hash (PHC string); never the password
 */
public record UserRegistered(String userId, String workspaceId, String username, String passwordHash)
        implements LyssEvent {

    @Override
    public String toString() {
        return "UserRegistered[" + userId + ", " + workspaceId + ", " + username + ", hash redacted]";
    }
}
