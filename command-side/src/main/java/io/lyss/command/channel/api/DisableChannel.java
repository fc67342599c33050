package io.lyss.command.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop routing traffic to a channel. Disabling a disabled channel changes nothing. */
public record DisableChannel(@TargetAggregateIdentifier String channelId, String workspaceId) {}
