package io.lyss.command.ingest;

import io.lyss.command.conversation.api.DeleteConversation;
import io.lyss.command.conversation.api.GiveMessageFeedback;
import io.lyss.command.conversation.api.RenameConversation;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators change conversations on behalf of an authenticated key (Dify's rename, delete and
 * feedback). The orchestrator names the key's workspace; the conversation refuses any other. Guarded by the
 * internal bearer token.
 */
@RestController
class ConversationIngestController {

    private final CommandGateway commands;

    ConversationIngestController(CommandGateway commands) {
        this.commands = commands;
    }

    record Rename(@NotBlank String workspaceId, @NotBlank String keyId, @NotBlank @Size(max = 200) String name) {}

    record Feedback(
            @NotBlank String workspaceId,
            @NotBlank String keyId,
            @Pattern(regexp = "like|dislike") String rating,
            @Size(max = 2000) String content,
            @Size(max = 256) String endUserId) {}

    @PostMapping("/internal/v1/conversations/{conversationId}/name")
    ResponseEntity<Void> rename(@PathVariable String conversationId, @Valid @RequestBody Rename rename) {
        send(new RenameConversation(conversationId, rename.workspaceId(), rename.name()), rename.keyId());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/internal/v1/conversations/{conversationId}")
    ResponseEntity<Void> delete(
            @PathVariable String conversationId, @RequestParam String workspaceId, @RequestParam String keyId) {
        send(new DeleteConversation(conversationId, workspaceId), keyId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/internal/v1/conversations/{conversationId}/messages/{messageId}/feedbacks")
    ResponseEntity<Void> feedback(
            @PathVariable String conversationId,
            @PathVariable String messageId,
            @Valid @RequestBody Feedback feedback) {
        send(
                new GiveMessageFeedback(
                        conversationId,
                        feedback.workspaceId(),
                        messageId,
                        feedback.rating(),
                        feedback.content(),
                        feedback.endUserId()),
                feedback.keyId());
        return ResponseEntity.noContent().build();
    }

    private void send(Object command, String keyId) {
        var provenance = new Provenance(Actor.apiKey(keyId), UUID.randomUUID().toString());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }
}
