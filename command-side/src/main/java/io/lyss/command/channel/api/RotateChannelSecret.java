package io.lyss.command.channel.api;

import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.SealedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a channel's sealed secret: a new provider credential, or the same one re-sealed under a new master key. */
public record RotateChannelSecret(
        @TargetAggregateIdentifier String channelId,
        String workspaceId,
        SealedSecret secret,
        ChannelSecretRotated.Reason reason) {}
