package io.lyss.command.workspace;

import io.lyss.command.workspace.api.CreateWorkspace;
import io.lyss.events.governance.WorkspaceCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

    private final AggregateTestFixture<Workspace> fixture = new AggregateTestFixture<>(Workspace.class);

    @Test
    void creatingAWorkspaceRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspace("ws_1", "Research"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WorkspaceCreated("ws_1", "Research"));
    }
}
