package io.lyss.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lyss.command.channel.api.AddChannel;
import io.lyss.command.channel.api.CircuitTrialDecision;
import io.lyss.command.channel.api.ClaimCircuitTrial;
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
import io.lyss.events.routing.ChannelCircuitTrialClaimed;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
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
    /** The orchestrator instances' circuits for this channel, and its trial claim. */
    private final CircuitState circuits = new CircuitState();

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

    /**
     * Repeated reports (a retried delivery, a change already recorded) record nothing. A closing closes the channel
     * everywhere: one instance's successful call (or trial) is enough (ADR 0034).
     */
    @CommandHandler
    void handle(RecordCircuitChange command) {
        requireWorkspace(command.workspaceId());
        if (command.open() && circuits.recordsOpening(command.instanceId())) {
            apply(new ChannelCircuitOpened(
                    channelId,
                    workspaceId,
                    command.instanceId(),
                    command.consecutiveFailures(),
                    command.lastFailure()));
        } else if (!command.open() && circuits.recordsClosing()) {
            apply(new ChannelCircuitClosed(channelId, workspaceId, command.instanceId()));
        }
    }

    /** Grants the one trial call of an open period to the first instance that asks (ADR 0034). */
    @CommandHandler
    CircuitTrialDecision handle(ClaimCircuitTrial command) {
        requireWorkspace(command.workspaceId());
        Instant now = GenericEventMessage.clock.instant();
        CircuitTrialDecision decided = circuits.decideTrial(command.instanceId(), command.openFor(), now);
        if (decided != null) {
            return decided;
        }
        Instant until = now.plus(command.claimFor());
        apply(new ChannelCircuitTrialClaimed(channelId, workspaceId, command.instanceId(), until));
        return CircuitTrialDecision.granted(until);
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
    void on(ChannelCircuitOpened event, @Timestamp Instant at) {
        circuits.opened(event.instanceId(), at);
    }

    @EventSourcingHandler
    void on(ChannelCircuitClosed event) {
        circuits.closed();
    }

    @EventSourcingHandler
    void on(ChannelCircuitTrialClaimed event) {
        circuits.trialClaimed(event.instanceId(), event.claimedUntil());
    }
}
