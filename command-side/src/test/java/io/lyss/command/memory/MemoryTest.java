package io.lyss.command.memory;

import io.lyss.command.memory.api.AddMemory;
import io.lyss.command.memory.api.DeleteMemory;
import io.lyss.command.memory.api.ForgetUser;
import io.lyss.command.memory.api.UpdateMemory;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.memory.EncryptedContent;
import io.lyss.events.memory.MemoryAdded;
import io.lyss.events.memory.MemoryDeleted;
import io.lyss.events.memory.MemoryUpdated;
import io.lyss.events.memory.UserForgotten;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryTest {

    private static final EncryptedContent FIRST = new EncryptedContent("dk_1", "n1", "c1");
    private static final EncryptedContent SECOND = new EncryptedContent("dk_1", "n2", "c2");
    private static final MemoryAdded ADDED =
            new MemoryAdded("mem_1", "ws_1", "alice", null, null, FIRST, "turn_1", "rules");

    private AggregateTestFixture<Memory> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Memory.class);
    }

    @Test
    void addingRemembersTheFactInItsScope() {
        fixture.givenNoPriorActivity()
                .when(new AddMemory("mem_1", "ws_1", "alice", null, null, FIRST, "turn_1", "rules"))
                .expectEvents(ADDED);
    }

    @Test
    void addingTheSameMemoryAgainChangesNothing() {
        fixture.given(ADDED)
                .when(new AddMemory("mem_1", "ws_1", "alice", null, null, FIRST, "turn_1", "rules"))
                .expectNoEvents();
    }

    @Test
    void anUpdateKeepsTheScope() {
        fixture.given(ADDED)
                .when(new UpdateMemory("mem_1", "ws_1", "alice", SECOND, "turn_2", "llm:m"))
                .expectEvents(new MemoryUpdated("mem_1", "ws_1", "alice", SECOND, "turn_2", "llm:m"));
    }

    @Test
    void anUpdateNamingAnotherUserOrWorkspaceIsNotFound() {
        fixture.given(ADDED)
                .when(new UpdateMemory("mem_1", "ws_1", "mallory", SECOND, null, "api"))
                .expectException(NotFoundInWorkspaceException.class);
        fixture.given(ADDED)
                .when(new UpdateMemory("mem_1", "ws_2", "alice", SECOND, null, "api"))
                .expectException(NotFoundInWorkspaceException.class);
        fixture.given(ADDED)
                .when(new AddMemory("mem_1", "ws_2", "alice", null, null, SECOND, null, "api"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void aDeletedMemoryIsDeletedOnceAndCannotBeUpdated() {
        MemoryDeleted deleted = new MemoryDeleted("mem_1", "ws_1", "alice", "turn_2", "rules");
        fixture.given(ADDED)
                .when(new DeleteMemory("mem_1", "ws_1", "alice", "turn_2", "rules"))
                .expectEvents(deleted);
        fixture.given(ADDED, deleted)
                .when(new DeleteMemory("mem_1", "ws_1", "alice", null, "api"))
                .expectNoEvents();
        fixture.given(ADDED, deleted)
                .when(new UpdateMemory("mem_1", "ws_1", "alice", SECOND, null, "api"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void forgettingAUserIsRecordedUnderTheirDerivedId() {
        var users = new AggregateTestFixture<>(EndUser.class);
        String id = EndUser.idOf("ws_1", "alice");
        users.givenNoPriorActivity()
                .when(new ForgetUser(id, "ws_1", "alice", List.of("dk_1")))
                .expectEvents(new UserForgotten("ws_1", "alice", List.of("dk_1")));
        new AggregateTestFixture<>(EndUser.class)
                .givenNoPriorActivity()
                .when(new ForgetUser(EndUser.idOf("ws_1", "bob"), "ws_1", "alice", List.of()))
                .expectException(NotFoundInWorkspaceException.class);
    }
}
