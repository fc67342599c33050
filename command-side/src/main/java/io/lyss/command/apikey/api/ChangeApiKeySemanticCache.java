package io.lyss.command.apikey.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turn the semantic answer cache on or off for every request of a virtual key. */
public record ChangeApiKeySemanticCache(
        @TargetAggregateIdentifier String keyId, String workspaceId, boolean semanticCache) {}
