package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * A channel's provider secret was replaced, or the same secret was sealed again under a new master key.
 *
 * @param secret the secret, sealed; its {@code masterKeyId} names the master key that opens it
 * @param reason why it changed
 */
public record ChannelSecretRotated(String channelId, String workspaceId, SealedSecret secret, Reason reason)
        implements LyssEvent {

    /** Why a channel's sealed secret changed. */
    public enum Reason {
        /** The provider credential itself was replaced. */
        PROVIDER_SECRET,
        /** The same credential, sealed again under the current master key. */
        MASTER_KEY
    }
}
