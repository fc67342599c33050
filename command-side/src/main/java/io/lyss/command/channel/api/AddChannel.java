package io.lyss.command.channel.api;

import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a provider channel. The secret arrives already sealed: commands never carry it in plain text. */
public record AddChannel(
        @TargetAggregateIdentifier String channelId,
        String workspaceId,
        String name,
        ProviderType provider,
        String baseUrl,
        List<String> models,
        int priority,
        int weight,
        SealedSecret secret) {}
