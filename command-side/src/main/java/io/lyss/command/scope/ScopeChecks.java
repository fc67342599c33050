package io.lyss.command.scope;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Answers whether a workspace, key or user exists, from the event store, before a command names it. */
@Component
public class ScopeChecks {

    private final EventStore eventStore;

    ScopeChecks(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public void requireWorkspace(String workspaceId) {
        if (!Ids.WORKSPACE.isWellFormed(workspaceId) || !exists(workspaceId)) {
            throw new NotFoundInWorkspaceException("workspace", workspaceId);
        }
    }

    /** True when something was ever recorded under this aggregate id. */
    public boolean exists(String aggregateId) {
        return aggregateId != null
                && aggregateId.length() <= 200
                && eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }
}
