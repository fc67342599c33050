package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dify's conversation API: list conversations and messages, rename, delete, rate an answer. Reads come from the
 * query side's read model (with this instance's recent changes over it), changes go to the command side as
 * commands; a key sees only its own conversations, and an end user only theirs.
 */
@RestController
class DifyConversationsController {

    private static final Set<String> SORTS = Set.of("created_at", "-created_at", "updated_at", "-updated_at");
    private static final Set<String> RATINGS = Set.of("like", "dislike");

    private final KeyAuthenticator authenticator;
    private final Conversations conversations;
    private final DifyJson views;
    private final ObjectMapper json;
    private final int maxRequestBytes;

    DifyConversationsController(
            KeyAuthenticator authenticator,
            Conversations conversations,
            ObjectMapper json,
            OrchestratorProperties properties) {
        this.authenticator = authenticator;
        this.conversations = conversations;
        this.views = new DifyJson(json);
        this.json = json;
        this.maxRequestBytes = properties.maxRequestBytes();
    }

    @GetMapping("/v1/conversations")
    ObjectNode conversations(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestParam(required = false) String user,
            @RequestParam(name = "last_id", required = false) String lastId,
            @RequestParam(name = "first_id", required = false) String firstId,
            @RequestParam(required = false) String limit,
            @RequestParam(name = "sort_by", defaultValue = "-updated_at") String sortBy) {
        KeyGrant grant = authenticator.authenticate(authorization);
        int size = limit(limit);
        if (!SORTS.contains(sortBy)) {
            throw DifyError.invalidParam("sort_by must be one of " + SORTS + ".");
        }
        String after = blankToNull(lastId != null ? lastId : firstId);
        if (after != null && !DifyIds.wellFormed(after)) {
            throw DifyError.conversationNotFound();
        }
        var page = conversations.list(grant, blankToNull(user), after, size, sortBy);
        return views.page(
                size,
                page.hasMore(),
                page.data().stream().map(views::conversation).toList());
    }

    @GetMapping("/v1/messages")
    ObjectNode messages(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestParam(name = "conversation_id", required = false) String conversationId,
            @RequestParam(required = false) String user,
            @RequestParam(name = "first_id", required = false) String firstId,
            @RequestParam(required = false) String limit) {
        KeyGrant grant = authenticator.authenticate(authorization);
        int size = limit(limit);
        if (blankToNull(conversationId) == null) {
            throw DifyError.invalidParam("conversation_id is required.");
        }
        StoredConversation conversation = conversations.require(grant, conversationId, blankToNull(user));
        String before = blankToNull(firstId);
        if (before != null && !DifyIds.wellFormed(before)) {
            throw DifyError.messageNotFound();
        }
        var page = conversations.messages(grant, conversation.id(), before, size);
        return views.page(
                size, page.hasMore(), page.data().stream().map(views::message).toList());
    }

    @PostMapping("/v1/conversations/{conversationId}/name")
    ObjectNode rename(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String conversationId,
            HttpServletRequest request) {
        KeyGrant grant = authenticator.authenticate(authorization);
        JsonNode body = DifyBodies.read(request, maxRequestBytes, json);
        String user = DifyChatRequest.optionalText(body, "user", DifyChatRequest.MAX_USER_LENGTH);
        JsonNode autoGenerate = body.get("auto_generate");
        if (autoGenerate != null && !autoGenerate.isNull() && !autoGenerate.isBoolean()) {
            throw DifyError.invalidParam("auto_generate must be a boolean.");
        }
        String name = DifyChatRequest.optionalText(body, "name", 200);
        StoredConversation conversation = conversations.require(grant, conversationId, user);
        if (autoGenerate != null && autoGenerate.asBoolean()) {
            name = conversations.messages(grant, conversation.id(), null, 1).data().stream()
                    .findFirst()
                    .map(first -> DifyChatController.firstWords(first.question()))
                    .orElse(conversation.name());
        }
        if (name == null) {
            throw DifyError.invalidParam("name is required unless auto_generate is true.");
        }
        return views.conversation(conversations.rename(grant, conversation, name));
    }

    @DeleteMapping("/v1/conversations/{conversationId}")
    ObjectNode delete(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String conversationId,
            @RequestParam(name = "user", required = false) String userParam,
            HttpServletRequest request) {
        KeyGrant grant = authenticator.authenticate(authorization);
        JsonNode body = DifyBodies.read(request, maxRequestBytes, json);
        String user = DifyChatRequest.optionalText(body, "user", DifyChatRequest.MAX_USER_LENGTH);
        conversations.delete(grant, conversations.require(grant, conversationId, user != null ? user : userParam));
        return json.createObjectNode().put("result", "success");
    }

    @PostMapping("/v1/messages/{messageId}/feedbacks")
    ObjectNode feedback(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String messageId,
            HttpServletRequest request) {
        KeyGrant grant = authenticator.authenticate(authorization);
        JsonNode body = DifyBodies.read(request, maxRequestBytes, json);
        String rating = DifyChatRequest.optionalText(body, "rating", 16);
        if (rating != null && !RATINGS.contains(rating)) {
            throw DifyError.invalidParam("rating must be 'like', 'dislike' or null.");
        }
        String user = DifyChatRequest.optionalText(body, "user", DifyChatRequest.MAX_USER_LENGTH);
        String content = DifyChatRequest.optionalText(body, "content", 2000);
        conversations.feedback(grant, messageId, rating, content, user);
        return json.createObjectNode().put("result", "success");
    }

    @GetMapping("/v1/parameters")
    ObjectNode parameters(@RequestHeader(value = "Authorization", required = false) String authorization) {
        authenticator.authenticate(authorization);
        return views.parameters();
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DifyError.invalidParam("limit must be an integer from 1 to 100.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
