package io.lyss.memory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.memory.extraction.Message;
import java.util.ArrayList;
import java.util.List;

/** Mem0's {@code messages}: a string, or a list of {@code {role, content}} with text content. */
final class MessagesParameter {

    private static final int MAX_MESSAGES = 200;
    private static final int MAX_CHARS = 32_000;

    private MessagesParameter() {}

    static List<Message> read(JsonNode node) {
        if (node == null || node.isNull()) {
            throw MemoryApiException.badRequest("messages is required.");
        }
        if (node.isTextual()) {
            return List.of(new Message("user", limited(node.asText())));
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_MESSAGES) {
            throw MemoryApiException.badRequest("messages must be a string or 1 to " + MAX_MESSAGES + " messages.");
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : node) {
            String role = message.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant") && !role.equals("system")) {
                throw MemoryApiException.badRequest("Each message needs a role: user, assistant or system.");
            }
            if (!message.path("content").isTextual()) {
                throw MemoryApiException.badRequest("Message content must be text.");
            }
            messages.add(new Message(role, limited(message.path("content").asText())));
        }
        return messages;
    }

    private static String limited(String text) {
        if (text.length() > MAX_CHARS) {
            throw MemoryApiException.badRequest("A message may have at most " + MAX_CHARS + " characters.");
        }
        return text;
    }
}
