package io.lyss.command.admin;

import io.lyss.command.access.ResourceView;
import io.lyss.command.channel.api.DisableChannel;
import io.lyss.command.channel.api.EnableChannel;
import io.lyss.command.channel.api.RotateChannelSecret;
import io.lyss.command.channel.api.UpdateChannel;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.SealedSecret;
import io.lyss.security.secrets.SecretSealer;
import io.lyss.security.secrets.SecretUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Changing channels after they were added: routing settings, on/off, provider secret, master-key re-sealing. */
@Service
public class ChannelAdmin {

    private final AdminCommands commands;
    private final ResourceView resources;
    private final SecretSealer sealer;

    ChannelAdmin(AdminCommands commands, ResourceView resources, SecretSealer sealer) {
        this.commands = commands;
        this.resources = resources;
        this.sealer = sealer;
    }

    /**
     * What a master-key rotation re-sealed; {@code unopenable} lists channels sealed under a master key this process
     * does not hold (add it to the previous keys and run again).
     */
    public record ResealReport(String masterKeyId, int resealed, int alreadyCurrent, List<String> unopenable) {}

    public List<ResourceView.ChannelEntry> list(String workspaceId) {
        return resources.channelsOf(workspaceId);
    }

    public void update(String workspaceId, String channelId, UpdateChannel changes, Provenance provenance) {
        requireChannel(workspaceId, channelId);
        commands.send(changes, provenance);
    }

    public void enable(String workspaceId, String channelId, boolean enabled, Provenance provenance) {
        requireChannel(workspaceId, channelId);
        commands.send(
                enabled ? new EnableChannel(channelId, workspaceId) : new DisableChannel(channelId, workspaceId),
                provenance);
    }

    public void rotateSecret(String workspaceId, String channelId, String plainSecret, Provenance provenance) {
        requireChannel(workspaceId, channelId);
        commands.send(
                new RotateChannelSecret(
                        channelId,
                        workspaceId,
                        sealer.seal(plainSecret, channelId),
                        ChannelSecretRotated.Reason.PROVIDER_SECRET),
                provenance);
    }

    /**
     * Seals every channel secret not yet under the current master key again under it. Run after starting with a
     * new {@code LYSS_SECURITY_MASTER_KEY} and the old one in {@code LYSS_SECURITY_PREVIOUS_MASTER_KEYS}; once
     * it reports nothing left, the old key can be dropped.
     */
    public ResealReport resealAll(Provenance provenance) {
        int resealed = 0;
        int current = 0;
        List<String> unopenable = new ArrayList<>();
        for (ResourceView.ChannelEntry channel : resources.channelsWithSecrets()) {
            if (channel.secret().masterKeyId().equals(sealer.currentKeyId())) {
                current++;
                continue;
            }
            SealedSecret sealedAgain;
            try {
                sealedAgain = sealer.reseal(channel.secret(), channel.channelId());
            } catch (SecretUnavailableException e) {
                unopenable.add(channel.channelId());
                continue;
            }
            commands.send(
                    new RotateChannelSecret(
                            channel.channelId(),
                            channel.workspaceId(),
                            sealedAgain,
                            ChannelSecretRotated.Reason.MASTER_KEY),
                    provenance);
            resealed++;
        }
        return new ResealReport(sealer.currentKeyId(), resealed, current, List.copyOf(unopenable));
    }

    private void requireChannel(String workspaceId, String channelId) {
        if (resources.channel(channelId, workspaceId).isEmpty()) {
            throw new NotFoundInWorkspaceException("channel", channelId);
        }
    }
}
