package io.lyss.command.ingest;

import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators report finished turns. Answers once the turn's events are stored, so a 204 means
 * durable; reporting the same turn again is harmless. Guarded by the internal bearer token.
 */
@RestController
class TurnIngestController {

    private final CommandGateway commands;

    TurnIngestController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/internal/v1/turns")
    ResponseEntity<Void> record(@Valid @RequestBody TurnReport turn) {
        var command = new RecordTurn(
                turn.conversationId(),
                turn.turnId(),
                turn.workspaceId(),
                turn.keyId(),
                turn.api(),
                turn.model(),
                turn.channelId(),
                turn.question(),
                turn.answer(),
                turn.finishReason(),
                turn.latencyMillis(),
                turn.firstTokenMillis(),
                turn.promptTokens(),
                turn.completionTokens(),
                turn.cachedTokens(),
                turn.costMicros(),
                turn.priceVersion(),
                turn.usageEstimated(),
                turn.endUserId(),
                turn.spendReason(),
                turn.workflow(),
                turn.cacheSaving(),
                turn.requestHash());
        var provenance = new Provenance(Actor.apiKey(turn.keyId()), turn.turnId());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        return ResponseEntity.noContent().build();
    }
}
