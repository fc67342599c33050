package io.lyss.command.workspace;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.workspace.api.ConfigureMemoryModel;
import io.lyss.command.workspace.api.CreateWorkspace;
import io.lyss.events.governance.MemoryModelConfigured;
import io.lyss.events.governance.WorkspaceCreated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A tenant, and its workspace-wide settings (the memory model). */
@Aggregate
class Workspace {

    @AggregateIdentifier
    private String workspaceId;

    Workspace() {
        // for Axon
    }

    @CommandHandler
    Workspace(CreateWorkspace command) {
        apply(new WorkspaceCreated(command.workspaceId(), command.name()));
    }

    @CommandHandler
    void handle(ConfigureMemoryModel command) {
        apply(new MemoryModelConfigured(workspaceId, command.model(), command.virtualKey()));
    }

    @EventSourcingHandler
    void on(WorkspaceCreated event) {
        this.workspaceId = event.workspaceId();
    }
}
