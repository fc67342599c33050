package io.lyss.events.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lyss.events.LyssEvent;
import java.time.Instant;
import java.util.List;

/**
 * A virtual key was issued. The key itself is shown once to its creator and never recorded.
 *
 * @param keyHash hex SHA-256 of the key, the only way to recognise it later
 * @param keyPrefix the first characters of the key, for people to tell keys apart
 * @param allowedModels models this key may call; empty means every model of the workspace
 * @param ownerUserId the user the key belongs to and whose budget it spends; null for a workspace key
 * @param expiresAt when the key stops working; null when it never expires (absent before revision 3)
 */
public record ApiKeyIssued(
        String keyId,
        String workspaceId,
        String name,
        String keyHash,
        String keyPrefix,
        List<String> allowedModels,
        String ownerUserId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt)
        implements LyssEvent {

    /** A key without expiry, as issued before revision 3. */
    public ApiKeyIssued(
            String keyId,
            String workspaceId,
            String name,
            String keyHash,
            String keyPrefix,
            List<String> allowedModels,
            String ownerUserId) {
        this(keyId, workspaceId, name, keyHash, keyPrefix, allowedModels, ownerUserId, null);
    }
}
