package io.lyss.command.channel.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a channel's routing settings; a null field keeps its current value. */
public record UpdateChannel(
        @TargetAggregateIdentifier String channelId,
        String workspaceId,
        String baseUrl,
        List<String> models,
        Integer priority,
        Integer weight) {}
