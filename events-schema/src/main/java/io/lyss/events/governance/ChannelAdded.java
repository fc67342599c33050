package io.lyss.events.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lyss.events.LyssEvent;
import java.util.List;

/**
 * A provider channel was added to a workspace.
 *
 * @param models the public model names this channel serves
 * @param priority higher tiers are tried first
 * @param weight share of traffic within its priority tier
 * @param secret the provider credential, sealed; null for providers that need none
 */
public record ChannelAdded(
        String channelId,
        String workspaceId,
        String name,
        ProviderType provider,
        String baseUrl,
        List<String> models,
        int priority,
        int weight,
        @JsonInclude(JsonInclude.Include.NON_NULL) SealedSecret secret)
        implements LyssEvent {}
