package io.lyss.command.memory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.memory.api.AddMemory;
import io.lyss.command.memory.api.DeleteMemory;
import io.lyss.command.memory.api.UpdateMemory;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.memory.MemoryAdded;
import io.lyss.events.memory.MemoryDeleted;
import io.lyss.events.memory.MemoryUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One memory about one end user. Its scope (workspace and user) is fixed when it is added: a command naming any
 * other scope is answered "not found", so nothing a caller sends can move a memory to another user or tenant.
 */
@Aggregate
class Memory {

    @AggregateIdentifier
    private String memoryId;

    private String workspaceId;
    private String userId;
    private boolean deleted;

    Memory() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AddMemory command) {
        if (memoryId != null) {
            requireScope(command.memoryId(), command.workspaceId(), command.userId());
            return; // the same memory added again (a re-delivered turn): already recorded
        }
        apply(new MemoryAdded(
                command.memoryId(),
                command.workspaceId(),
                command.userId(),
                command.agentId(),
                command.runId(),
                command.content(),
                command.sourceTurnId(),
                command.extractor()));
    }

    @CommandHandler
    void handle(UpdateMemory command) {
        requireScope(command.memoryId(), command.workspaceId(), command.userId());
        if (deleted) {
            throw new NotFoundInWorkspaceException("memory", command.memoryId());
        }
        apply(new MemoryUpdated(
                command.memoryId(),
                workspaceId,
                userId,
                command.content(),
                command.sourceTurnId(),
                command.extractor()));
    }

    @CommandHandler
    void handle(DeleteMemory command) {
        requireScope(command.memoryId(), command.workspaceId(), command.userId());
        if (!deleted) {
            apply(new MemoryDeleted(
                    command.memoryId(), workspaceId, userId, command.sourceTurnId(), command.extractor()));
        }
    }

    private void requireScope(String id, String workspace, String user) {
        if (!workspaceId.equals(workspace) || !userId.equals(user)) {
            throw new NotFoundInWorkspaceException("memory", id);
        }
    }

    @EventSourcingHandler
    void on(MemoryAdded event) {
        this.memoryId = event.memoryId();
        this.workspaceId = event.workspaceId();
        this.userId = event.userId();
    }

    @EventSourcingHandler
    void on(MemoryDeleted event) {
        this.deleted = true;
    }
}
