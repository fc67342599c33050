package io.lyss.command.access;

import io.lyss.events.Actor;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import io.lyss.security.access.AdminPrincipalResolver;
import io.lyss.security.access.SessionTokens;
import io.lyss.security.keys.AdminKeys;
import io.lyss.security.keys.VirtualKeys;
import java.util.Optional;

/**
 * Recognises logged-in users (by their session token) and admin API keys (by their hash), and answers their roles
 * from {@link AccessView} at the moment of asking.
 */
class CallerResolver implements AdminPrincipalResolver {

    private final AccessView access;
    private final SessionTokens sessions;

    CallerResolver(AccessView access, SessionTokens sessions) {
        this.access = access;
        this.sessions = sessions;
    }

    @Override
    public Optional<AdminPrincipal> resolve(String bearerToken) {
        if (bearerToken.startsWith(SessionTokens.PREFIX)) {
            return sessions.verify(bearerToken)
                    .flatMap(session -> access.user(session.userId()))
                    .map(user -> new UserPrincipal(user.userId()));
        }
        if (bearerToken.startsWith(AdminKeys.KEY_PREFIX)) {
            String hash = VirtualKeys.hash(bearerToken);
            return access.adminKey(hash).map(key -> new KeyPrincipal(key, hash));
        }
        return Optional.empty();
    }

    private final class UserPrincipal implements AdminPrincipal {
        private final String userId;

        private UserPrincipal(String userId) {
            this.userId = userId;
        }

        @Override
        public Actor actor() {
            return Actor.user(userId);
        }

        @Override
        public Optional<WorkspaceRole> roleIn(String workspaceId) {
            return access.roleOf(userId, workspaceId);
        }
    }

    private final class KeyPrincipal implements AdminPrincipal {
        private final String adminKeyId;
        private final String workspaceId;
        private final String keyHash;

        private KeyPrincipal(AccessView.AdminKeyEntry key, String keyHash) {
            this.adminKeyId = key.adminKeyId();
            this.workspaceId = key.workspaceId();
            this.keyHash = keyHash;
        }

        @Override
        public Actor actor() {
            return Actor.adminKey(adminKeyId);
        }

        /** Looked up again, so that a key revoked during a request stops at its next check. */
        @Override
        public Optional<WorkspaceRole> roleIn(String workspace) {
            return workspaceId.equals(workspace)
                    ? access.adminKey(keyHash).map(AccessView.AdminKeyEntry::role)
                    : Optional.empty();
        }
    }
}
