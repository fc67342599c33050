package io.lyss.command.adminkey.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke an admin API key of the given workspace. */
public record RevokeAdminKey(@TargetAggregateIdentifier String adminKeyId, String workspaceId) {}
