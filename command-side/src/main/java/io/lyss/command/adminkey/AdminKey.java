package io.lyss.command.adminkey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.adminkey.api.IssueAdminKey;
import io.lyss.command.adminkey.api.RevokeAdminKey;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.AdminKeyIssued;
import io.lyss.events.governance.AdminKeyRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An admin API key: automation acting on one workspace with a fixed role. */
@Aggregate
class AdminKey {

    @AggregateIdentifier
    private String adminKeyId;

    private String workspaceId;
    private boolean revoked;

    AdminKey() {
        // for Axon
    }

    @CommandHandler
    AdminKey(IssueAdminKey command) {
        apply(new AdminKeyIssued(
                command.adminKeyId(),
                command.workspaceId(),
                command.name(),
                command.keyHash(),
                command.keyPrefix(),
                command.role()));
    }

    @CommandHandler
    void handle(RevokeAdminKey command) {
        if (!workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("admin key", command.adminKeyId());
        }
        if (!revoked) {
            apply(new AdminKeyRevoked(adminKeyId, workspaceId));
        }
    }

    @EventSourcingHandler
    void on(AdminKeyIssued event) {
        this.adminKeyId = event.adminKeyId();
        this.workspaceId = event.workspaceId();
    }

    @EventSourcingHandler
    void on(AdminKeyRevoked event) {
        this.revoked = true;
    }
}
