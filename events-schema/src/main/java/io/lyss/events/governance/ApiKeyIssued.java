package io.lyss.events.governance;

import io.lyss.events.LyssEvent;
import java.util.List;

/**
 * A virtual key was issued. The key itself is shown once to its creator and never recorded.
 *
 * @param keyHash hex SHA-256 of the key, the only way to recognise it later
 * @param keyPrefix the first characters of the key, for people to tell keys apart
 * @param allowedModels models this key may call; empty means every model of the workspace
 * @param ownerUserId the user the key belongs to and whose budget it spends; null for a workspace key
 */
public record ApiKeyIssued(
        String keyId,
        String workspaceId,
        String name,
        String keyHash,
        String keyPrefix,
        List<String> allowedModels,
        String ownerUserId)
        implements LyssEvent {}
