package io.lyss.command.apikey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.apikey.api.IssueApiKey;
import io.lyss.command.apikey.api.RevokeApiKey;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A virtual key: who may call through Lyss, on behalf of which workspace. */
@Aggregate
class ApiKey {

    @AggregateIdentifier
    private String keyId;

    private String workspaceId;
    private boolean revoked;

    ApiKey() {
        // for Axon
    }

    @CommandHandler
    ApiKey(IssueApiKey command) {
        apply(new ApiKeyIssued(
                command.keyId(),
                command.workspaceId(),
                command.name(),
                command.keyHash(),
                command.keyPrefix(),
                command.allowedModels(),
                null));
    }

    @CommandHandler
    void handle(RevokeApiKey command) {
        if (!workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("key", command.keyId());
        }
        if (!revoked) {
            apply(new ApiKeyRevoked(keyId, workspaceId));
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        this.keyId = event.keyId();
        this.workspaceId = event.workspaceId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        this.revoked = true;
    }
}
