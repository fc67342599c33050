package io.lyss.command.user;

import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.user.api.GrantRole;
import io.lyss.command.user.api.RegisterUser;
import io.lyss.command.user.api.RevokeRole;
import io.lyss.events.governance.RoleGranted;
import io.lyss.events.governance.RoleRevoked;
import io.lyss.events.governance.UserRegistered;
import io.lyss.events.governance.WorkspaceRole;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    private final AggregateTestFixture<User> fixture = new AggregateTestFixture<>(User.class);
    private final UserRegistered registered = new UserRegistered("usr_1", "ws_1", "ada", HASH);

    @Test
    void registeringRecordsTheHashAndTheFirstRole() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("usr_1", "ws_1", "ada", HASH, WorkspaceRole.ADMIN))
                .expectEvents(registered, new RoleGranted("usr_1", "ws_1", WorkspaceRole.ADMIN));
    }

    @Test
    void aPasswordThatIsNotAnArgon2HashIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("usr_1", "ws_1", "ada", "plain-password", WorkspaceRole.ADMIN))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void grantingReplacesTheRoleAndGrantingItAgainChangesNothing() {
        fixture.given(registered, new RoleGranted("usr_1", "ws_1", WorkspaceRole.ADMIN))
                .when(new GrantRole("usr_1", "ws_1", WorkspaceRole.VIEWER))
                .expectEvents(new RoleGranted("usr_1", "ws_1", WorkspaceRole.VIEWER));
        fixture.given(registered, new RoleGranted("usr_1", "ws_1", WorkspaceRole.ADMIN))
                .when(new GrantRole("usr_1", "ws_1", WorkspaceRole.ADMIN))
                .expectNoEvents();
    }

    @Test
    void revokingNamesTheRoleLostAndNeedsOneToLose() {
        fixture.given(registered, new RoleGranted("usr_1", "ws_1", WorkspaceRole.MEMBER))
                .when(new RevokeRole("usr_1", "ws_1"))
                .expectEvents(new RoleRevoked("usr_1", "ws_1", WorkspaceRole.MEMBER));
        fixture.given(registered, new RoleGranted("usr_1", "ws_1", WorkspaceRole.MEMBER))
                .when(new RevokeRole("usr_1", "ws_2"))
                .expectException(NotFoundInWorkspaceException.class);
    }
}
