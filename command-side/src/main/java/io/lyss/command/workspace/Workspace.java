package io.lyss.command.workspace;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.workspace.api.CreateWorkspace;
import io.lyss.events.governance.WorkspaceCreated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A tenant. Later issues hang its members, roles and budgets here. */
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

    @EventSourcingHandler
    void on(WorkspaceCreated event) {
        this.workspaceId = event.workspaceId();
    }
}
