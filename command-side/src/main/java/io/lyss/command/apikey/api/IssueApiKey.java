package io.lyss.command.apikey.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a new virtual key by its hash and visible prefix; the key itself never reaches the command side's log.
 *
 * @param ownerUserId the user the key belongs to; null for a workspace key
 * @param expiresAt when it stops working; null for never
 */
public record IssueApiKey(
        @TargetAggregateIdentifier String keyId,
        String workspaceId,
        String name,
        String keyHash,
        String keyPrefix,
        List<String> allowedModels,
        String ownerUserId,
        Instant expiresAt) {

    /** A workspace key that never expires. */
    public IssueApiKey(
            String keyId,
            String workspaceId,
            String name,
            String keyHash,
            String keyPrefix,
            List<String> allowedModels) {
        this(keyId, workspaceId, name, keyHash, keyPrefix, allowedModels, null, null);
    }
}
