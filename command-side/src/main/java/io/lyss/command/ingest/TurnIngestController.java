package io.lyss.command.ingest;

import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.personal.ConversationDataKeys;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.EncryptedContent;
import io.lyss.security.personal.ConversationContentCodec;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators report finished turns. Answers once the turn's events are stored, so a 204 means
 * durable; reporting the same turn again is harmless. The question and answer never reach the log in plain text:
 * they are sealed here under the data key of the turn's subject (ADR 0026). Guarded by the internal bearer token.
 */
@RestController
class TurnIngestController {

    private final CommandGateway commands;
    private final ConversationDataKeys keys;

    TurnIngestController(CommandGateway commands, ConversationDataKeys keys) {
        this.commands = commands;
        this.keys = keys;
    }

    @PostMapping("/internal/v1/turns")
    ResponseEntity<Void> record(@Valid @RequestBody TurnReport turn) {
        EncryptedContent content = seal(turn);
        var command = new RecordTurn(
                turn.conversationId(),
                turn.turnId(),
                turn.workspaceId(),
                turn.keyId(),
                turn.api(),
                turn.model(),
                turn.channelId(),
                content == null ? turn.question() : null,
                content == null ? turn.answer() : null,
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
                turn.requestHash(),
                content);
        var provenance = new Provenance(Actor.apiKey(turn.keyId()), turn.turnId());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
        return ResponseEntity.noContent().build();
    }

    /** The question and answer sealed under the subject's key; null for a memory call (it records no turn). */
    private EncryptedContent seal(TurnReport turn) {
        if ("memory".equals(turn.spendReason())) {
            return null;
        }
        String subject = TurnCompleted.subjectOf(turn.endUserId(), turn.keyId());
        ConversationDataKeys.DataKey key = keys.forSubject(turn.workspaceId(), subject);
        return ConversationContentCodec.seal(
                key.id(),
                key.key(),
                turn.turnId(),
                turn.workspaceId(),
                subject,
                new ConversationContentCodec.Plain(turn.question(), turn.answer()));
    }
}
