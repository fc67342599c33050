package io.lyss.command.admin;

import io.lyss.command.access.AccessView;
import io.lyss.command.apikey.api.IssueApiKey;
import io.lyss.command.apikey.api.RevokeApiKey;
import io.lyss.command.channel.api.AddChannel;
import io.lyss.command.scope.Ids;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.command.user.api.GrantRole;
import io.lyss.command.workspace.api.CreateWorkspace;
import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.keys.VirtualKeys;
import io.lyss.security.secrets.SecretSealer;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/**
 * What administrators can change, as commands. Secrets are sealed and keys hashed here, before anything is sent,
 * so no command or event ever holds them in plain text.
 */
@Service
public class GovernanceAdmin {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final SecretSealer sealer;
    private final AccessView access;

    GovernanceAdmin(CommandGateway commands, EventStore eventStore, SecretSealer sealer, AccessView access) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.sealer = sealer;
        this.access = access;
    }

    /** A channel as administrators see it: everything but its secret. */
    public record ChannelDescription(
            String id,
            String workspaceId,
            String name,
            ProviderType provider,
            String baseUrl,
            List<String> models,
            int priority,
            int weight,
            boolean hasSecret) {

        static ChannelDescription of(AddChannel added) {
            return new ChannelDescription(
                    added.channelId(),
                    added.workspaceId(),
                    added.name(),
                    added.provider(),
                    added.baseUrl(),
                    added.models(),
                    added.priority(),
                    added.weight(),
                    added.secret() != null);
        }
    }

    /** A key as returned once at creation; {@code key} is never shown again. */
    public record NewApiKey(
            String id,
            String workspaceId,
            String name,
            String key,
            String prefix,
            List<String> models,
            String ownerUserId,
            Instant expiresAt) {
        @Override
        public String toString() {
            return "NewApiKey[" + id + ", " + prefix + "…]";
        }
    }

    public String createWorkspace(String name, Provenance provenance) {
        return createWorkspace(name, null, provenance);
    }

    /** A workspace; {@code ownerUserId}, when given, becomes its first owner. */
    public String createWorkspace(String name, String ownerUserId, Provenance provenance) {
        String workspaceId = Ids.WORKSPACE.next();
        send(new CreateWorkspace(workspaceId, name), provenance);
        if (ownerUserId != null) {
            send(new GrantRole(ownerUserId, workspaceId, WorkspaceRole.OWNER), provenance);
        }
        return workspaceId;
    }

    public ChannelDescription addChannel(String workspaceId, ChannelSpec spec, Provenance provenance) {
        requireWorkspace(workspaceId);
        String channelId = Ids.CHANNEL.next();
        SealedSecret secret = spec.apiKey() == null ? null : sealer.seal(spec.apiKey(), channelId);
        var command = new AddChannel(
                channelId,
                workspaceId,
                spec.name(),
                spec.provider(),
                spec.baseUrl(),
                spec.models(),
                spec.priority(),
                spec.weight(),
                secret);
        send(command, provenance);
        return ChannelDescription.of(command);
    }

    public NewApiKey issueApiKey(String workspaceId, String name, List<String> models, Provenance provenance) {
        return issueApiKey(workspaceId, name, models, null, null, provenance);
    }

    /** A virtual key owned by a member of the workspace (or by the workspace when null), expiring when given. */
    public NewApiKey issueApiKey(
            String workspaceId,
            String name,
            List<String> models,
            String ownerUserId,
            Instant expiresAt,
            Provenance provenance) {
        requireWorkspace(workspaceId);
        if (ownerUserId != null && access.roleOf(ownerUserId, workspaceId).isEmpty()) {
            throw new NotFoundInWorkspaceException("member", ownerUserId);
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new InvalidRequestException("expiresAt", "must be in the future");
        }
        String keyId = Ids.API_KEY.next();
        VirtualKeys.IssuedKey issued = VirtualKeys.issue();
        send(
                new IssueApiKey(
                        keyId,
                        workspaceId,
                        name,
                        issued.hash(),
                        issued.visiblePrefix(),
                        models,
                        ownerUserId,
                        expiresAt),
                provenance);
        return new NewApiKey(
                keyId, workspaceId, name, issued.plainKey(), issued.visiblePrefix(), models, ownerUserId, expiresAt);
    }

    public void revokeApiKey(String workspaceId, String keyId, Provenance provenance) {
        if (!Ids.API_KEY.isWellFormed(keyId)
                || eventStore.lastSequenceNumberFor(keyId).isEmpty()) {
            throw new NotFoundInWorkspaceException("key", keyId);
        }
        send(new RevokeApiKey(keyId, workspaceId), provenance);
    }

    private void requireWorkspace(String workspaceId) {
        if (!Ids.WORKSPACE.isWellFormed(workspaceId)
                || eventStore.lastSequenceNumberFor(workspaceId).isEmpty()) {
            throw new NotFoundInWorkspaceException("workspace", workspaceId);
        }
    }

    private void send(Object command, Provenance provenance) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }
}
