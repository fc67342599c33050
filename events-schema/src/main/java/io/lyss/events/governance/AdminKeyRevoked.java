package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** An admin API key was revoked; calls with it are refused from now on. */
public record AdminKeyRevoked(String adminKeyId, String workspaceId) implements LyssEvent {}
