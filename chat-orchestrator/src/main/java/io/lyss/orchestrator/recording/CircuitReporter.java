package io.lyss.orchestrator.recording;

import io.lyss.orchestrator.commandside.CommandSideApi;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.ids.RandomIds;
import io.lyss.orchestrator.routing.CircuitListener;

/**
 * Reports this instance's circuit changes to the command side ({@code POST /internal/v1/channel-circuits}), where
 * they become {@code ChannelCircuitOpened} / {@code ChannelCircuitClosed} events of the channel.
 */
public final class CircuitReporter implements CircuitListener {

    /** A circuit change as reported; {@code changeId} lets the command side ignore a retried report. */
    public record CircuitChange(
            String changeId,
            String channelId,
            String workspaceId,
            String instanceId,
            String state,
            int consecutiveFailures,
            String lastFailure) {}

    private final InternalPoster poster;
    private final String instanceId;

    public CircuitReporter(CommandSideApi commandSide, String instanceId) {
        this.poster = new InternalPoster(commandSide);
        this.instanceId = instanceId;
    }

    @Override
    public void opened(ChannelRoute channel, int consecutiveFailures, String lastFailure) {
        report(new CircuitChange(
                id(),
                channel.channelId(),
                channel.workspaceId(),
                instanceId,
                "open",
                consecutiveFailures,
                lastFailure));
    }

    @Override
    public void closed(ChannelRoute channel) {
        report(new CircuitChange(id(), channel.channelId(), channel.workspaceId(), instanceId, "closed", 0, null));
    }

    private void report(CircuitChange change) {
        poster.post("/internal/v1/channel-circuits", change, "circuit change of channel " + change.channelId());
    }

    private static String id() {
        return RandomIds.nextText();
    }
}
