package io.lyss.command.ingest;

import io.lyss.command.conversation.api.DeleteConversation;
import io.lyss.command.conversation.api.GiveMessageFeedback;
import io.lyss.command.conversation.api.RenameConversation;
import io.lyss.command.personal.ConversationDataKeys;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.EncryptedContent;
import io.lyss.security.personal.ConversationContentCodec;
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
 * feedback). The orchestrator names the key's workspace; the conversation refuses any other. Names and comments are
 * sealed here under the subject's data key, like turns. Guarded by the internal bearer token.
 */
@RestController
class ConversationIngestController {

    private final CommandGateway commands;
    private final ConversationDataKeys keys;

    ConversationIngestController(CommandGateway commands, ConversationDataKeys keys) {
        this.commands = commands;
        this.keys = keys;
    }

    record Rename(
            @NotBlank String workspaceId,
            @NotBlank String keyId,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 256) String endUserId) {}

    record Feedback(
            @NotBlank String workspaceId,
            @NotBlank String keyId,
            @Pattern(regexp = "like|dislike") String rating,
            @Size(max = 2000) String content,
            @Size(max = 256) String endUserId) {}

    @PostMapping("/internal/v1/conversations/{conversationId}/name")
    ResponseEntity<Void> rename(@PathVariable String conversationId, @Valid @RequestBody Rename rename) {
        String subject = TurnCompleted.subjectOf(rename.endUserId(), rename.keyId());
        var sealedName = seal(rename.workspaceId(), subject, "name", conversationId, rename.name());
        send(
                new RenameConversation(
                        conversationId, rename.workspaceId(), null, rename.endUserId(), rename.keyId(), sealedName),
                rename.keyId());
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
        String subject = TurnCompleted.subjectOf(feedback.endUserId(), feedback.keyId());
        var sealedComment = feedback.content() == null
                ? null
                : seal(feedback.workspaceId(), subject, "feedback", messageId, feedback.content());
        send(
                new GiveMessageFeedback(
                        conversationId,
                        feedback.workspaceId(),
                        messageId,
                        feedback.rating(),
                        null,
                        feedback.endUserId(),
                        feedback.keyId(),
                        sealedComment),
                feedback.keyId());
        return ResponseEntity.noContent().build();
    }

    /** A text the user wrote, sealed under their subject's data key (ADR 26): it never reaches the log in plain. */
    private EncryptedContent seal(String workspaceId, String subject, String kind, String recordId, String text) {
        ConversationDataKeys.DataKey key = keys.forSubject(workspaceId, subject);
        return ConversationContentCodec.sealText(key.id(), key.key(), kind, recordId, workspaceId, subject, text);
    }

    private void send(Object command, String keyId) {
        var provenance = new Provenance(Actor.apiKey(keyId), UUID.randomUUID().toString());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }
}
