package io.lyss.command.alias.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a model alias. */
public record RemoveModelAlias(@TargetAggregateIdentifier String aliasId, String workspaceId) {}
