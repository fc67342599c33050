package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** A user lost their role in a workspace, and with it all access to it. */
public record RoleRevoked(String userId, String workspaceId, WorkspaceRole role) implements LyssEvent {}
