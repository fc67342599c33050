package io.lyss.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.channel.api.AddChannel;
import io.lyss.events.governance.ChannelAdded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A route to one upstream provider account. */
@Aggregate
class Channel {

    @AggregateIdentifier
    private String channelId;

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

    @EventSourcingHandler
    void on(ChannelAdded event) {
        this.channelId = event.channelId();
    }
}
