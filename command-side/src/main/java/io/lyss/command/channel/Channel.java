package io.lyss.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.channel.api.AddChannel;
import io.lyss.command.channel.api.RecordCircuitChange;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.routing.ChannelCircuitClosed;
import io.lyss.events.routing.ChannelCircuitOpened;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A route to one upstream provider account. */
@Aggregate
class Channel {

    @AggregateIdentifier
    private String channelId;

    private String workspaceId;
    /** Orchestrator instances whose circuit for this channel is open. */
    private final Set<String> openCircuits = new HashSet<>();

    Channel() {
        // for Axon
    }

    @CommandHandler
    Channel(AddChannel command) {
        if (command.models().isEmpty()) {
            throw new IllegalArgumentException("A channel must serve at least one model");
        }
        if (command.weight() < 1) {
            throw new IllegalArgumentException("A channel's weight must be at least 1");
        }
        apply(new ChannelAdded(
                command.channelId(),
                command.workspaceId(),
                command.name(),
                command.provider(),
                command.baseUrl(),
                command.models(),
                command.priority(),
                command.weight(),
                command.secret()));
    }

    /** Repeated reports (a retried delivery, a change already recorded) record nothing. */
    @CommandHandler
    void handle(RecordCircuitChange command) {
        if (!workspaceId.equals(command.workspaceId())) {
            throw new NotFoundInWorkspaceException("channel", command.channelId());
        }
        boolean open = openCircuits.contains(command.instanceId());
        if (command.open() && !open) {
            apply(new ChannelCircuitOpened(
                    channelId,
                    workspaceId,
                    command.instanceId(),
                    command.consecutiveFailures(),
                    command.lastFailure()));
        } else if (!command.open() && open) {
            apply(new ChannelCircuitClosed(channelId, workspaceId, command.instanceId()));
        }
    }

    @EventSourcingHandler
    void on(ChannelAdded event) {
        this.channelId = event.channelId();
        this.workspaceId = event.workspaceId();
    }

    @EventSourcingHandler
    void on(ChannelCircuitOpened event) {
        openCircuits.add(event.instanceId());
    }

    @EventSourcingHandler
    void on(ChannelCircuitClosed event) {
        openCircuits.remove(event.instanceId());
    }
}
