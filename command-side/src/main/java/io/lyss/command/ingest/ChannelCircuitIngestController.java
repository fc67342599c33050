package io.lyss.command.ingest;

import io.lyss.command.channel.api.RecordCircuitChange;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators report that their circuit for a channel opened or closed. Answers once the change is
 * stored; a repeated report records nothing. Guarded by the internal bearer token.
 */
@RestController
class ChannelCircuitIngestController {

    /** A circuit change as reported by an orchestrator instance. */
    record CircuitChangeReport(
            @NotBlank String changeId,
            @NotBlank String channelId,
            @NotBlank String workspaceId,
            @NotBlank String instanceId,
            @NotBlank @Pattern(regexp = "open|closed") String state,
            @PositiveOrZero int consecutiveFailures,
            String lastFailure) {}

    private final CommandGateway commands;

    ChannelCircuitIngestController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/internal/v1/channel-circuits")
    ResponseEntity<Void> record(@Valid @RequestBody CircuitChangeReport change) {
        var command = new RecordCircuitChange(
                change.channelId(),
                change.workspaceId(),
                change.instanceId(),
                change.state().equals("open"),
                change.consecutiveFailures(),
                change.lastFailure());
        var provenance = new Provenance(Actor.system("orchestrator " + change.instanceId()), change.changeId());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        return ResponseEntity.noContent().build();
    }
}
