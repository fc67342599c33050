package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** A virtual key was revoked; requests with it are refused from now on. */
public record ApiKeyRevoked(String keyId, String workspaceId) implements LyssEvent {}
