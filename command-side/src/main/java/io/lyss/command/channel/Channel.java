package io.lyss.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.channel.api.AddChannel;
import io.lyss.command.channel.api.DisableChannel;
import io.lyss.command.channel.api.EnableChannel;
import io.lyss.command.channel.api.RecordCircuitChange;
import io.lyss.command.channel.api.RotateChannelSecret;
import io.lyss.command.channel.api.UpdateChannel;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ChannelDisabled;
import io.lyss.events.governance.ChannelEnabled;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.ChannelUpdated;
import io.lyss.events.routing.ChannelCircuitClosed;
import io.lyss.events.routing.ChannelCircuitOpened;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
    private String baseUrl;
    private List<String> models;
    private int priority;
    private int weight;
    private boolean enabled;
    /** Orchestrator instances whose circuit for this channel is open. */
    private final Set<String> openCircuits = new HashSet<>();

    Channel() {
        // for Axon
    }

    @CommandHandler
    Channel(AddChannel command) {
        requireRoutable(command.models(), command.weight());
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

    @CommandHandler
    void handle(UpdateChannel command) {
        requireWorkspace(command.workspaceId());
        var updated = new ChannelUpdated(
                channelId,
                workspaceId,
                Objects.requireNonNullElse(command.baseUrl(), baseUrl),
                command.models() == null ? models : List.copyOf(command.models()),
                Objects.requireNonNullElse(command.priority(), priority),
                Objects.requireNonNullElse(command.weight(), weight));
        requireRoutable(updated.models(), updated.weight());
        if (!updated.baseUrl().equals(baseUrl)
                || !updated.models().equals(models)
                || updated.priority() != priority
                || updated.weight() != weight) {
            apply(updated);
        }
    }

    @CommandHandler
    void handle(DisableChannel command) {
        requireWorkspace(command.workspaceId());
        if (enabled) {
            apply(new ChannelDisabled(channelId, workspaceId));
        }
    }

    @CommandHandler
    void handle(EnableChannel command) {
        requireWorkspace(command.workspaceId());
        if (!enabled) {
            apply(new ChannelEnabled(channelId, workspaceId));
        }
    }

    @CommandHandler
    void handle(RotateChannelSecret command) {
        requireWorkspace(command.workspaceId());
        apply(new ChannelSecretRotated(channelId, workspaceId, command.secret(), command.reason()));
    }

    private static void requireRoutable(List<String> models, int weight) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("A channel must serve at least one model");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("A channel's weight must be at least 1");
        }
    }

    private void requireWorkspace(String workspace) {
        if (!workspaceId.equals(workspace)) {
            throw new NotFoundInWorkspaceException("channel", channelId);
        }
    }

    /** Repeated reports (a retried delivery, a change already recorded) record nothing. */
    @CommandHandler
    void handle(RecordCircuitChange command) {
        requireWorkspace(command.workspaceId());
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
        this.baseUrl = event.baseUrl();
        this.models = event.models();
        this.priority = event.priority();
        this.weight = event.weight();
        this.enabled = true;
    }

    @EventSourcingHandler
    void on(ChannelUpdated event) {
        this.baseUrl = event.baseUrl();
        this.models = event.models();
        this.priority = event.priority();
        this.weight = event.weight();
    }

    @EventSourcingHandler
    void on(ChannelDisabled event) {
        this.enabled = false;
    }

    @EventSourcingHandler
    void on(ChannelEnabled event) {
        this.enabled = true;
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
