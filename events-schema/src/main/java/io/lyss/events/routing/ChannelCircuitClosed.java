package io.lyss.events.routing;

import io.lyss.events.LyssEvent;

/**
 * A channel answered again after its circuit had opened in a chat orchestrator instance: that instance routes to
 * it normally again.
 */
public record ChannelCircuitClosed(String channelId, String workspaceId, String instanceId) implements LyssEvent {}
