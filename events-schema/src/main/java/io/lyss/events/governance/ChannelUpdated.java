package io.lyss.events.governance;

import io.lyss.events.LyssEvent;
import java.util.List;

/** A channel's routing settings changed; its secret and provider stay as they were. */
public record ChannelUpdated(
        String channelId, String workspaceId, String baseUrl, List<String> models, int priority, int weight)
        implements LyssEvent {}
