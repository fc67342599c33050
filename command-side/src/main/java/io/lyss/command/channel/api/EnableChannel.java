package io.lyss.command.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Route traffic to a channel again. Enabling an enabled channel changes nothing. */
public record EnableChannel(@TargetAggregateIdentifier String channelId, String workspaceId) {}
