package io.lyss.orchestrator.governance;

import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import java.util.Set;

/** A channel as the router needs it. The secret stays sealed until a provider client is built. */
public record ChannelRoute(
        String channelId,
        String workspaceId,
        ProviderType provider,
        String baseUrl,
        Set<String> models,
        int priority,
        int weight,
        SealedSecret secret) {

    @Override
    public String toString() {
        return "ChannelRoute[" + channelId + ", " + provider + ", " + baseUrl + "]";
    }
}
