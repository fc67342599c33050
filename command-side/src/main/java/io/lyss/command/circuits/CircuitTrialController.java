package io.lyss.command.circuits;

import io.lyss.command.channel.api.CircuitTrialDecision;
import io.lyss.command.channel.api.ClaimCircuitTrial;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a chat orchestrator instance whose open circuit period for a channel has ended asks to make the channel's one
 * trial call (ADR 0034). Guarded by the internal bearer token. A granted claim is recorded as
 * {@code routing.ChannelCircuitTrialClaimed}; a refusal records nothing.
 */
@RestController
class CircuitTrialController {

    /** The longest a claim may hold without an outcome, whatever the instance asks: a crashed prober is bounded. */
    static final Duration LONGEST_CLAIM = Duration.ofMinutes(10);

    /** A claim as asked by an orchestrator instance, durations in milliseconds. */
    record TrialClaimRequest(
            @NotBlank String channelId,
            @NotBlank String workspaceId,
            @NotBlank String instanceId,
            @Positive long openForMillis,
            @Positive long claimForMillis) {}

    /**
     * @param verdict {@code granted}, {@code wait} or {@code closed}
     * @param untilEpochMillis when a granted claim lapses or until when to wait; 0 when closed
     */
    record TrialClaimAnswer(String verdict, long untilEpochMillis) {}

    private final CommandGateway commands;

    CircuitTrialController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/internal/v1/channel-circuits/trial-claims")
    TrialClaimAnswer claim(@Valid @RequestBody TrialClaimRequest request) {
        Duration claimFor = Duration.ofMillis(request.claimForMillis());
        var command = new ClaimCircuitTrial(
                request.channelId(),
                request.workspaceId(),
                request.instanceId(),
                Duration.ofMillis(request.openForMillis()),
                claimFor.compareTo(LONGEST_CLAIM) > 0 ? LONGEST_CLAIM : claimFor);
        var provenance = new Provenance(
                Actor.system("orchestrator " + request.instanceId()),
                UUID.randomUUID().toString());
        CircuitTrialDecision decision = commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        return new TrialClaimAnswer(
                decision.verdict().name().toLowerCase(Locale.ROOT),
                decision.until() == null ? 0 : decision.until().toEpochMilli());
    }
}
