package io.lyss.command.channel.api;

import java.time.Duration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask, for a chat orchestrator instance whose open circuit period for a channel has ended, to make the channel's one
 * trial call. Answered with a {@link CircuitTrialDecision}.
 *
 * @param openFor how long the instance keeps a circuit open ({@code circuit-open-for}): no trial before that long
 *     after the latest opening
 * @param claimFor how long a granted claim holds if its outcome is never reported
 */
public record ClaimCircuitTrial(
        @TargetAggregateIdentifier String channelId,
        String workspaceId,
        String instanceId,
        Duration openFor,
        Duration claimFor) {}
