package io.lyss.command.user.api;

import io.lyss.events.governance.WorkspaceRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a user a role in a workspace, replacing the one they had there. */
public record GrantRole(@TargetAggregateIdentifier String userId, String workspaceId, WorkspaceRole role) {}
