package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * A virtual key got a new secret under the same key id; the previous secret stops working.
 *
 * @param keyHash hex SHA-256 of the new key
 * @param keyPrefix visible prefix of the new key
 */
public record ApiKeyRotated(String keyId, String workspaceId, String keyHash, String keyPrefix) implements LyssEvent {}
