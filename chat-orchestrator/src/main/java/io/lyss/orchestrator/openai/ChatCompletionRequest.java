package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.orchestrator.chat.PromptMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@code POST /v1/chat/completions} body, checked field by field so that every mistake gets a precise 400
 * naming the field. Fields Lyss cannot yet honour are refused rather than silently dropped.
 */
record ChatCompletionRequest(
        String model,
        List<PromptMessage> messages,
        boolean stream,
        boolean includeUsage,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        String user) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
    private static final Set<String> NOT_YET_SUPPORTED = Set.of("tools", "functions", "tool_choice", "n", "logprobs");

    static ChatCompletionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw OpenAiError.invalidRequest(null, "The request body must be a JSON object.");
        }
        for (String field : NOT_YET_SUPPORTED) {
            if (body.hasNonNull(field) && !(field.equals("n") && body.get(field).asInt() == 1)) {
                throw OpenAiError.invalidRequest(field, "'" + field + "' is not supported by this Lyss version yet.");
            }
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw OpenAiError.invalidRequest("model", "'model' is required and must be a non-empty string.");
        }
        JsonNode streamOptions = body.path("stream_options");
        return new ChatCompletionRequest(
                model.asText(),
                messages(body.get("messages")),
                bool(body, "stream"),
                streamOptions.isObject() && bool(streamOptions, "include_usage"),
                number(body, "temperature"),
                number(body, "top_p"),
                maxTokens(body),
                stop(body.get("stop")),
                user(body.get("user")));
    }

    private static List<PromptMessage> messages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw OpenAiError.invalidRequest("messages", "'messages' must be a non-empty array.");
        }
        List<PromptMessage> parsed = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            if (!message.isObject()) {
                throw OpenAiError.invalidRequest(param, param + " must be an object.");
            }
            String role = message.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw OpenAiError.invalidRequest(param + ".role", param + ".role must be one of " + ROLES + ".");
            }
            parsed.add(new PromptMessage(role, content(message.get("content"), param + ".content")));
        }
        return List.copyOf(parsed);
    }

    private static String content(JsonNode content, String param) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())
                        || !part.path("text").isTextual()) {
                    throw OpenAiError.invalidRequest(
                            param, "Only text content parts are supported by this Lyss version.");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw OpenAiError.invalidRequest(param, param + " must be a string or an array of text parts.");
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw OpenAiError.invalidRequest(field, "'" + field + "' must be a boolean.");
        }
        return value.asBoolean();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw OpenAiError.invalidRequest(field, "'" + field + "' must be a number.");
        }
        return value.asDouble();
    }

    private static Integer maxTokens(JsonNode body) {
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
                    throw OpenAiError.invalidRequest(field, "'" + field + "' must be a positive integer.");
                }
                return value.asInt();
            }
        }
        return null;
    }

    private static String user(JsonNode user) {
        if (user == null || user.isNull()) {
            return null;
        }
        if (!user.isTextual() || user.asText().length() > 256) {
            throw OpenAiError.invalidRequest("user", "'user' must be a string of at most 256 characters.");
        }
        return user.asText().isBlank() ? null : user.asText();
    }

    private static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (stop.isArray()) {
            List<String> sequences = new ArrayList<>();
            stop.forEach(sequence -> sequences.add(sequence.asText()));
            return List.copyOf(sequences);
        }
        throw OpenAiError.invalidRequest("stop", "'stop' must be a string or an array of strings.");
    }
}
