package io.lyss.command.apikey.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a virtual key of the given workspace. Revoking a revoked key changes nothing. */
public record RevokeApiKey(@TargetAggregateIdentifier String keyId, String workspaceId) {}
