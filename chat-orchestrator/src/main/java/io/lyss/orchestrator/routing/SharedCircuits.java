package io.lyss.orchestrator.routing;

import io.lyss.events.LyssEvent;
import io.lyss.events.routing.ChannelCircuitClosed;
import io.lyss.events.routing.ChannelCircuitOpened;
import java.time.Instant;

/**
 * Applies the circuit changes of other orchestrator instances, read from the event log by the governance feed, to
 * this instance's {@link CircuitBreakers}: a channel another instance found failing is set aside here too, without
 * every instance having to fail against it first. This instance's own changes are already applied.
 */
public final class SharedCircuits {

    private final CircuitBreakers breakers;
    private final String ownInstanceId;

    public SharedCircuits(CircuitBreakers breakers, String ownInstanceId) {
        this.breakers = breakers;
        this.ownInstanceId = ownInstanceId;
    }

    /** Applies a routing event recorded at {@code occurredAt}; other events are ignored. */
    public void apply(LyssEvent event, Instant occurredAt) {
        switch (event) {
            case ChannelCircuitOpened opened
            when !ownInstanceId.equals(opened.instanceId()) -> breakers.openedElsewhere(opened.channelId(), occurredAt);
            case ChannelCircuitClosed closed
            when !ownInstanceId.equals(closed.instanceId()) -> breakers.closedElsewhere(closed.channelId());
            default -> {
                // this instance's own change, or not a circuit change
            }
        }
    }
}
