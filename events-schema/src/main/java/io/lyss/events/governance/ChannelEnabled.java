package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** A disabled channel receives traffic again. */
public record ChannelEnabled(String channelId, String workspaceId) implements LyssEvent {}
