package io.lyss.events.routing;

import io.lyss.events.LyssEvent;
import java.time.Instant;

/**
 * A chat orchestrator instance was granted the one trial call of a channel whose open period had ended: until the
 * trial's outcome is recorded (a closing or a new opening) or {@code claimedUntil} passes, the other instances keep
 * the channel's circuit open instead of probing it themselves.
 *
 * @param instanceId the instance that makes the trial call
 * @param claimedUntil when the claim lapses if no outcome was recorded (e.g. the instance stopped)
 */
public record ChannelCircuitTrialClaimed(String channelId, String workspaceId, String instanceId, Instant claimedUntil)
        implements LyssEvent {}
