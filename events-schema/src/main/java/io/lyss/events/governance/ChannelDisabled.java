package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** A channel stops receiving traffic until it is enabled again. */
public record ChannelDisabled(String channelId, String workspaceId) implements LyssEvent {}
