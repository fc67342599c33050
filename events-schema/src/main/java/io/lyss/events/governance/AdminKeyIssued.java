package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * An admin API key for automation was issued. Like virtual keys, it is shown once and recorded only as a hash.
 *
 * @param keyHash hex SHA-256 of the key
 * @param keyPrefix the first characters of the key, for people to tell keys apart
 * @param role what the key may do in its workspace
 */
public record AdminKeyIssued(
        String adminKeyId, String workspaceId, String name, String keyHash, String keyPrefix, WorkspaceRole role)
        implements LyssEvent {}
