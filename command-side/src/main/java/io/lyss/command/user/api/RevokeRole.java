package io.lyss.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take away a user's role in a workspace. */
public record RevokeRole(@TargetAggregateIdentifier String userId, String workspaceId) {}
