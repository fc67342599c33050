package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.governance.KeyGrant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversation read model of the query side, over its internal HTTP API, always for one key of one
 * workspace (the orchestrator authenticated the key before asking).
 */
class ConversationDirectory {

    /** A page and whether more follow. */
    record Page<T>(List<T> data, boolean hasMore) {}

    private final InternalHttp http;
    private final ObjectMapper json;

    ConversationDirectory(InternalHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    Optional<StoredConversation> conversation(KeyGrant grant, String conversationId) {
        InternalHttp.Reply reply = http.get(base(grant) + "/conversations/" + conversationId);
        return reply.ok() ? Optional.of(conversation(parse(reply))) : Optional.empty();
    }

    Page<StoredConversation> conversations(KeyGrant grant, String user, String lastId, int limit, String sortBy) {
        StringBuilder path =
                new StringBuilder(base(grant)).append("/conversations?limit=").append(limit);
        path.append("&sortBy=").append(InternalHttp.encode(sortBy));
        if (user != null) {
            path.append("&user=").append(InternalHttp.encode(user));
        }
        if (lastId != null) {
            path.append("&lastId=").append(lastId);
        }
        InternalHttp.Reply reply = http.get(path.toString());
        if (!reply.ok()) {
            throw DifyError.invalidParam("The conversation list could not be read with these parameters.");
        }
        JsonNode page = parse(reply);
        List<StoredConversation> data = new ArrayList<>();
        page.path("data").forEach(node -> data.add(conversation(node)));
        return new Page<>(data, page.path("hasMore").asBoolean());
    }

    /** Messages in the order they were exchanged; the page ends just before {@code firstId} when given. */
    Page<StoredMessage> messages(KeyGrant grant, String conversationId, String firstId, int limit) {
        String path = base(grant) + "/conversations/" + conversationId + "/messages?limit=" + limit
                + (firstId == null ? "" : "&firstId=" + firstId);
        InternalHttp.Reply reply = http.get(path);
        if (!reply.ok()) {
            return new Page<>(List.of(), false);
        }
        JsonNode page = parse(reply);
        List<StoredMessage> data = new ArrayList<>();
        page.path("data").forEach(node -> data.add(message(node)));
        return new Page<>(data, page.path("hasMore").asBoolean());
    }

    Optional<StoredMessage> message(KeyGrant grant, String messageId) {
        InternalHttp.Reply reply = http.get(base(grant) + "/messages/" + messageId);
        return reply.ok() ? Optional.of(message(parse(reply))) : Optional.empty();
    }

    private static String base(KeyGrant grant) {
        return "/internal/v1/workspaces/" + InternalHttp.encode(grant.workspaceId()) + "/keys/"
                + InternalHttp.encode(grant.keyId());
    }

    private JsonNode parse(InternalHttp.Reply reply) {
        try {
            return json.readTree(reply.body());
        } catch (IOException e) {
            throw DifyError.unavailable();
        }
    }

    private static StoredConversation conversation(JsonNode node) {
        return new StoredConversation(
                node.path("id").asText(),
                node.path("endUserId").isTextual() ? node.path("endUserId").asText() : null,
                node.path("name").asText(""),
                node.path("createdAt").asLong(),
                node.path("updatedAt").asLong());
    }

    private static StoredMessage message(JsonNode node) {
        return new StoredMessage(
                node.path("id").asText(),
                node.path("conversationId").asText(),
                node.path("question").asText(""),
                node.path("answer").asText(""),
                node.path("rating").isTextual() ? node.path("rating").asText() : null,
                node.path("createdAt").asLong());
    }
}
