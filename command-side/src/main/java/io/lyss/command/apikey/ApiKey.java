package io.lyss.command.apikey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.apikey.api.ChangeApiKeyModels;
import io.lyss.command.apikey.api.ChangeApiKeySemanticCache;
import io.lyss.command.apikey.api.IssueApiKey;
import io.lyss.command.apikey.api.RevokeApiKey;
import io.lyss.command.apikey.api.RotateApiKey;
import io.lyss.command.scope.ConflictException;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyModelsChanged;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ApiKeyRotated;
import io.lyss.events.governance.ApiKeySemanticCacheChanged;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A virtual key: who may call through Lyss, on behalf of which workspace, to which models, until when. */
@Aggregate
class ApiKey {

    @AggregateIdentifier
    private String keyId;

    private String workspaceId;
    private List<String> allowedModels;
    private boolean revoked;
    private boolean semanticCache;

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
                command.ownerUserId(),
                command.expiresAt()));
    }

    @CommandHandler
    void handle(RevokeApiKey command) {
        requireWorkspace(command.workspaceId());
        if (!revoked) {
            apply(new ApiKeyRevoked(keyId, workspaceId));
        }
    }

    @CommandHandler
    void handle(RotateApiKey command) {
        requireLive(command.workspaceId());
        apply(new ApiKeyRotated(keyId, workspaceId, command.keyHash(), command.keyPrefix()));
    }

    @CommandHandler
    void handle(ChangeApiKeyModels command) {
        requireLive(command.workspaceId());
        if (!allowedModels.equals(command.allowedModels())) {
            apply(new ApiKeyModelsChanged(keyId, workspaceId, List.copyOf(command.allowedModels())));
        }
    }

    @CommandHandler
    void handle(ChangeApiKeySemanticCache command) {
        requireLive(command.workspaceId());
        if (semanticCache != command.semanticCache()) {
            apply(new ApiKeySemanticCacheChanged(keyId, workspaceId, command.semanticCache()));
        }
    }

    private void requireWorkspace(String workspace) {
        if (!workspaceId.equals(workspace)) {
            throw new NotFoundInWorkspaceException("key", keyId);
        }
    }

    private void requireLive(String workspace) {
        requireWorkspace(workspace);
        if (revoked) {
            throw new ConflictException("Key '" + keyId + "' is revoked; issue a new one.");
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        this.keyId = event.keyId();
        this.workspaceId = event.workspaceId();
        this.allowedModels = event.allowedModels();
    }

    @EventSourcingHandler
    void on(ApiKeyModelsChanged event) {
        this.allowedModels = event.allowedModels();
    }

    @EventSourcingHandler
    void on(ApiKeySemanticCacheChanged event) {
        this.semanticCache = event.semanticCache();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        this.revoked = true;
    }
}
