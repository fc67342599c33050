package io.lyss.command.workspace.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a workspace, the tenant that owns channels, keys and everything spent through them. */
public record CreateWorkspace(@TargetAggregateIdentifier String workspaceId, String name) {}
