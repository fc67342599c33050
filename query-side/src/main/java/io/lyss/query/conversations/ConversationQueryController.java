package io.lyss.query.conversations;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The conversation read model for chat orchestrators, which call it after authenticating a virtual key and name
 * that key's workspace and id: a key sees only its own conversations. Guarded by the internal bearer token.
 */
@RestController
@RequestMapping("/internal/v1/workspaces/{workspaceId}/keys/{keyId}")
class ConversationQueryController {

    private static final int MAX_LIMIT = 100;

    private final ConversationReader reader;

    ConversationQueryController(ConversationReader reader) {
        this.reader = reader;
    }

    /** A page of results and whether more follow. */
    record Page<T>(List<T> data, boolean hasMore) {
        static <T> Page<T> of(List<T> rows, int limit) {
            return new Page<>(rows.subList(0, Math.min(limit, rows.size())), rows.size() > limit);
        }
    }

    @GetMapping("/conversations")
    Page<ConversationView> conversations(
            @PathVariable String workspaceId,
            @PathVariable String keyId,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String lastId,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(defaultValue = "-updated_at") String sortBy) {
        ConversationOrder order = ConversationOrder.parse(sortBy)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown sortBy"));
        int size = Math.clamp(limit, 1, MAX_LIMIT);
        return Page.of(
                reader.conversations(workspaceId, keyId, blankToNull(user), blankToNull(lastId), order, size), size);
    }

    @GetMapping("/conversations/{conversationId}")
    ConversationView conversation(
            @PathVariable String workspaceId, @PathVariable String keyId, @PathVariable String conversationId) {
        return reader.conversation(workspaceId, keyId, conversationId)
                .orElseThrow(ConversationQueryController::notFound);
    }

    /** Messages in the order they were exchanged, the page ending just before {@code firstId} when given. */
    @GetMapping("/conversations/{conversationId}/messages")
    Page<MessageView> messages(
            @PathVariable String workspaceId,
            @PathVariable String keyId,
            @PathVariable String conversationId,
            @RequestParam(required = false) String firstId,
            @RequestParam(defaultValue = "20") int limit) {
        reader.conversation(workspaceId, keyId, conversationId).orElseThrow(ConversationQueryController::notFound);
        int size = Math.clamp(limit, 1, MAX_LIMIT);
        List<MessageView> newestFirst = reader.messagesBefore(workspaceId, conversationId, blankToNull(firstId), size);
        Page<MessageView> page = Page.of(newestFirst, size);
        return new Page<>(page.data().reversed(), page.hasMore());
    }

    @GetMapping("/messages/{messageId}")
    MessageView message(@PathVariable String workspaceId, @PathVariable String keyId, @PathVariable String messageId) {
        return reader.message(workspaceId, keyId, messageId).orElseThrow(ConversationQueryController::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such conversation or message for this key.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
