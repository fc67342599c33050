package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** A workspace (tenant) was created. */
public record WorkspaceCreated(String workspaceId, String name) implements LyssEvent {}
