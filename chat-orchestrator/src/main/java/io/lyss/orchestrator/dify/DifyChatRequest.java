package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code POST /v1/chat-messages} body, checked field by field so that every mistake gets a 400 naming the
 * field. {@code inputs.model} (a Lyss extension) picks the model; without it the key's first model answers.
 *
 * @param conversationId null for a new conversation
 * @param user the end user; null when the client named none
 */
record DifyChatRequest(
        String query, ObjectNode inputs, boolean streaming, String user, String conversationId, String model) {

    static final int MAX_USER_LENGTH = 256;

    static DifyChatRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DifyError.invalidParam("The request body must be a JSON object.");
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            throw DifyError.invalidParam("query is required and must be a non-empty string.");
        }
        ObjectNode inputs = inputs(body.get("inputs"));
        JsonNode model = inputs.get("model");
        if (model != null && (!model.isTextual() || model.asText().isBlank())) {
            throw DifyError.invalidParam("inputs.model must be a non-empty string.");
        }
        JsonNode files = body.get("files");
        if (files != null && !files.isNull() && !(files.isArray() && files.isEmpty())) {
            throw DifyError.invalidParam("files are not supported by this Lyss version.");
        }
        return new DifyChatRequest(
                query.asText(),
                inputs,
                streaming(body.get("response_mode")),
                optionalText(body, "user", MAX_USER_LENGTH),
                optionalText(body, "conversation_id", 100),
                model == null ? null : model.asText());
    }

    private static ObjectNode inputs(JsonNode inputs) {
        if (inputs == null || inputs.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!inputs.isObject()) {
            throw DifyError.invalidParam("inputs must be an object.");
        }
        return (ObjectNode) inputs;
    }

    private static boolean streaming(JsonNode mode) {
        if (mode == null || mode.isNull()) {
            return false;
        }
        if (mode.isTextual() && mode.asText().equals("streaming")) {
            return true;
        }
        if (mode.isTextual() && mode.asText().equals("blocking")) {
            return false;
        }
        throw DifyError.invalidParam("response_mode must be 'streaming' or 'blocking'.");
    }

    /** A string field that may be absent, null or empty (all meaning "none"). */
    static String optionalText(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > maxLength) {
            throw DifyError.invalidParam(field + " must be a string of at most " + maxLength + " characters.");
        }
        return value.asText().isBlank() ? null : value.asText();
    }
}
