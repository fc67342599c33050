package io.lyss.events.routing;

import io.lyss.events.LyssEvent;

/**
 * A chat orchestrator instance stopped preferring a channel after consecutive failures: until the circuit closes,
 * that instance tries the channel only after every healthy one.
 *
 * @param instanceId the orchestrator instance whose circuit opened (each instance judges for itself)
 * @param consecutiveFailures the failures in a row that opened it
 * @param lastFailure the last failure's kind and HTTP status, never a provider's message
 */
public record ChannelCircuitOpened(
        String channelId, String workspaceId, String instanceId, int consecutiveFailures, String lastFailure)
        implements LyssEvent {}
