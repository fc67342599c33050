package io.lyss.command.workspace;

import io.lyss.command.workspace.api.ConfigureMemoryModel;
import io.lyss.command.workspace.api.CreateWorkspace;
import io.lyss.events.governance.MemoryModelConfigured;
import io.lyss.events.governance.SealedSecret;
import io.lyss.events.governance.WorkspaceCreated;
import org.axonframework.modelling.command.AggregateNotFoundException;
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

    @Test
    void configuringTheMemoryModelRecordsItWithTheKeyStillSealed() {
        var sealedKey = new SealedSecret("mk_1", "bm9uY2U=", "c2VhbGVk");
        fixture.given(new WorkspaceCreated("ws_1", "Research"))
                .when(new ConfigureMemoryModel("ws_1", "gpt-4o-mini", sealedKey))
                .expectEvents(new MemoryModelConfigured("ws_1", "gpt-4o-mini", sealedKey));
    }

    @Test
    void aWorkspaceThatDoesNotExistHasNoMemoryModel() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureMemoryModel("ws_404", "gpt-4o-mini", new SealedSecret("mk_1", "n", "c")))
                .expectException(AggregateNotFoundException.class);
    }
}
