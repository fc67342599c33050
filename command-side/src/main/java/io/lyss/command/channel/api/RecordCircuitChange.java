package io.lyss.command.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a chat orchestrator instance opened or closed its circuit for a channel.
 *
 * @param open true when the circuit opened, false when it closed
 */
public record RecordCircuitChange(
        @TargetAggregateIdentifier String channelId,
        String workspaceId,
        String instanceId,
        boolean open,
        int consecutiveFailures,
        String lastFailure) {}
