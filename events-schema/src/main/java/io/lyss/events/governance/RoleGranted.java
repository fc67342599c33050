package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** A user received a role in a workspace; it replaces the role they had there before. */
public record RoleGranted(String userId, String workspaceId, WorkspaceRole role) implements LyssEvent {}
