package io.lyss.command.apikey.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a virtual key a new secret (by its hash and prefix) under the same id; the old secret stops working. */
public record RotateApiKey(
        @TargetAggregateIdentifier String keyId, String workspaceId, String keyHash, String keyPrefix) {}
