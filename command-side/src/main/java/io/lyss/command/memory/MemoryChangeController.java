package io.lyss.command.memory;

import io.lyss.command.memory.api.AddMemory;
import io.lyss.command.memory.api.DeleteMemory;
import io.lyss.command.memory.api.ForgetUser;
import io.lyss.command.memory.api.UpdateMemory;
import io.lyss.command.personal.ConversationDataKeys;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import io.lyss.events.conversation.TurnCompleted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the memory projector records memory changes as events (guarded by the internal bearer token). Answers
 * once the events are stored, so the log stays the system of record and the memory index only projects it.
 */
@RestController
class MemoryChangeController {

    private static final Actor MEMORY_PROJECTOR = Actor.system("memory-projector");

    private final CommandGateway commands;
    private final ConversationDataKeys conversationKeys;

    MemoryChangeController(CommandGateway commands, ConversationDataKeys conversationKeys) {
        this.commands = commands;
        this.conversationKeys = conversationKeys;
    }

    @PostMapping("/internal/v1/memory/changes")
    Map<String, List<MemoryChangeRequest.Outcome>> record(@Valid @RequestBody MemoryChangeRequest request) {
        Actor actor = request.keyId() == null ? MEMORY_PROJECTOR : Actor.apiKey(request.keyId());
        var provenance = new Provenance(actor, request.correlationId());
        List<MemoryChangeRequest.Outcome> outcomes = new ArrayList<>();
        for (MemoryChangeRequest.Change change : request.changes()) {
            String status = send(command(change), provenance);
            outcomes.add(new MemoryChangeRequest.Outcome(change.memoryId(), change.op(), status));
        }
        return Map.of("results", outcomes);
    }

    @PostMapping("/internal/v1/memory/forget")
    ResponseEntity<Void> forget(@Valid @RequestBody ForgetRequest request) {
        List<String> destroyed = new ArrayList<>(request.dataKeyIds() == null ? List.of() : request.dataKeyIds());
        // the key of the user's turns goes first: from here on no copy of their questions and answers opens
        destroyed.addAll(
                conversationKeys.destroy(request.workspaceId(), TurnCompleted.subjectOf(request.userId(), null)));
        var command = new ForgetUser(
                EndUser.idOf(request.workspaceId(), request.userId()),
                request.workspaceId(),
                request.userId(),
                List.copyOf(destroyed));
        String status = send(command, new Provenance(MEMORY_PROJECTOR, "forget-" + command.endUserId()));
        return "stored".equals(status)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    /**
     * Erase an end user: the memory projector destroyed the keys of their memories ({@code dataKeyIds}); the keys of
     * their turns are destroyed here, and {@code UserForgotten} names them all.
     */
    record ForgetRequest(@NotBlank String workspaceId, @NotBlank String userId, List<String> dataKeyIds) {}

    private String send(Object command, Provenance provenance) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
            return "stored";
        } catch (NotFoundInWorkspaceException | AggregateNotFoundException e) {
            return "not_found";
        }
    }

    private static Object command(MemoryChangeRequest.Change change) {
        boolean needsContent = !"DELETE".equals(change.op());
        if (needsContent && change.content() == null) {
            throw new IllegalArgumentException("content is required for " + change.op());
        }
        return switch (change.op()) {
            case "ADD" ->
                new AddMemory(
                        change.memoryId(),
                        change.workspaceId(),
                        change.userId(),
                        change.agentId(),
                        change.runId(),
                        change.content(),
                        change.sourceTurnId(),
                        change.extractor());
            case "UPDATE" ->
                new UpdateMemory(
                        change.memoryId(),
                        change.workspaceId(),
                        change.userId(),
                        change.content(),
                        change.sourceTurnId(),
                        change.extractor());
            default ->
                new DeleteMemory(
                        change.memoryId(),
                        change.workspaceId(),
                        change.userId(),
                        change.sourceTurnId(),
                        change.extractor());
        };
    }
}
