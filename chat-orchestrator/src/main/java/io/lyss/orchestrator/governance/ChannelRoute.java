package io.lyss.orchestrator.governance;

import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import java.util.Set;

/**
 * A channel as the router needs it. The secret stays sealed until a provider client is built.
 *
 * @param upstreamModel the model name to send upstream when the request came through an alias; null to send the
 *     public model name as it is
 */
public record ChannelRoute(
        String channelId,
        String workspaceId,
        ProviderType provider,
        String baseUrl,
        Set<String> models,
        int priority,
        int weight,
        SealedSecret secret,
        String upstreamModel) {

    /** A route that sends the public model name upstream as it is. */
    public ChannelRoute(
            String channelId,
            String workspaceId,
            ProviderType provider,
            String baseUrl,
            Set<String> models,
            int priority,
            int weight,
            SealedSecret secret) {
        this(channelId, workspaceId, provider, baseUrl, models, priority, weight, secret, null);
    }

    /** The model name this channel's upstream must be called with for a request naming {@code publicModel}. */
    public String upstreamModelFor(String publicModel) {
        return upstreamModel == null ? publicModel : upstreamModel;
    }

    /**
     * Identifies what a provider client is built from (address and sealed secret), so that a client is rebuilt
     * when either changes.
     */
    public String clientIdentity() {
        return channelId + "|" + baseUrl + "|" + (secret == null ? "" : secret.masterKeyId() + ":" + secret.nonce());
    }

    ChannelRoute via(String aliasUpstreamModel) {
        return new ChannelRoute(
                channelId, workspaceId, provider, baseUrl, models, priority, weight, secret, aliasUpstreamModel);
    }

    @Override
    public String toString() {
        return "ChannelRoute[" + channelId + ", " + provider + ", " + baseUrl + "]";
    }
}
