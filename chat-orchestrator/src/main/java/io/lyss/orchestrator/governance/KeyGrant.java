package io.lyss.orchestrator.governance;

import java.time.Instant;
import java.util.Set;

/**
 * What a valid virtual key allows: calls on behalf of its workspace, to its allowed models or aliases (all when
 * empty), until it expires.
 *
 * @param ownerUserId the user the key belongs to; null for a workspace key
 * @param expiresAt when the key stops working; null for never
 * @param semanticCache true when every request of the key may be answered from the semantic cache
 */
public record KeyGrant(
        String keyId,
        String workspaceId,
        Set<String> allowedModels,
        String ownerUserId,
        Instant expiresAt,
        boolean semanticCache) {

    /** A key without the semantic cache setting. */
    public KeyGrant(
            String keyId, String workspaceId, Set<String> allowedModels, String ownerUserId, Instant expiresAt) {
        this(keyId, workspaceId, allowedModels, ownerUserId, expiresAt, false);
    }

    /** A workspace key that never expires. */
    public KeyGrant(String keyId, String workspaceId, Set<String> allowedModels) {
        this(keyId, workspaceId, allowedModels, null, null);
    }

    public boolean mayCall(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    KeyGrant withModels(Set<String> models) {
        return new KeyGrant(keyId, workspaceId, models, ownerUserId, expiresAt, semanticCache);
    }

    KeyGrant withSemanticCache(boolean semantic) {
        return new KeyGrant(keyId, workspaceId, allowedModels, ownerUserId, expiresAt, semantic);
    }
}
