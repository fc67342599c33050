package io.lyss.security.access;

import io.lyss.events.Actor;
import io.lyss.events.governance.WorkspaceRole;
import java.util.Optional;

/**
 * Who is calling the admin API, as resolved from their bearer token. Roles are looked up when asked, so a role
 * revoked a moment ago is already gone.
 */
public interface AdminPrincipal {

    /** Request attribute under which the guard leaves the principal for the controllers. */
    String ATTRIBUTE = "io.lyss.security.access.AdminPrincipal";

    /** How the principal appears on the events it causes. */
    Actor actor();

    /** The bootstrap administrator: everything, in every workspace. */
    default boolean isPlatformAdmin() {
        return false;
    }

    /** Its role in a workspace, if any. */
    Optional<WorkspaceRole> roleIn(String workspaceId);

    /** The bootstrap administrator, authenticated by the admin token. */
    static AdminPrincipal platformAdmin() {
        return new AdminPrincipal() {
            @Override
            public Actor actor() {
                return Actor.adminToken();
            }

            @Override
            public boolean isPlatformAdmin() {
                return true;
            }

            @Override
            public Optional<WorkspaceRole> roleIn(String workspaceId) {
                return Optional.of(WorkspaceRole.OWNER);
            }
        };
    }
}
