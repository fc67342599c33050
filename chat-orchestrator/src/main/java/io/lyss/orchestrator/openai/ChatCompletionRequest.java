package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.chat.PromptMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@code POST /v1/chat/completions} body, checked field by field so that every mistake gets a precise 400
 * naming the field. The body itself is kept: OpenAI-compatible channels receive it as sent (ADR 0016), so fields
 * Lyss does not interpret (tools, {@code n}, logprobs, response_format, seed...) pass through faithfully.
 *
 * @param body the client's body, without Lyss's own {@code lyss} extension
 * @param needsOpenAiChannel true when the request uses fields only an OpenAI-compatible channel can honour
 * @param semanticCache true when the body asked for semantic caching ({@code "lyss": {"cache": "semantic"}})
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
        String user,
        ObjectNode body,
        boolean needsOpenAiChannel,
        boolean semanticCache) {

    static final String LYSS_EXTENSION = "lyss";
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    /** Fields a translated (non-OpenAI) channel cannot carry. */
    private static final Set<String> OPENAI_ONLY =
            Set.of("tools", "functions", "tool_choice", "function_call", "logprobs", "response_format", "audio");

    static ChatCompletionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw OpenAiError.invalidRequest(null, "The request body must be a JSON object.");
        }
        ObjectNode object = (ObjectNode) body;
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw OpenAiError.invalidRequest("model", "'model' is required and must be a non-empty string.");
        }
        JsonNode streamOptions = body.path("stream_options");
        if (!streamOptions.isMissingNode() && !streamOptions.isNull() && !streamOptions.isObject()) {
            throw OpenAiError.invalidRequest("stream_options", "'stream_options' must be an object.");
        }
        boolean semantic = semanticRequested(object.remove(LYSS_EXTENSION));
        OpenAiFieldChecks.check(body);
        List<PromptMessage> messages = messages(body.get("messages"));
        boolean openAiOnly = OPENAI_ONLY.stream().anyMatch(body::hasNonNull)
                || body.path("n").asInt(1) > 1
                || hasNonTextContent(body.get("messages"));
        return new ChatCompletionRequest(
                model.asText(),
                messages,
                bool(body, "stream"),
                streamOptions.isObject() && bool(streamOptions, "include_usage"),
                OpenAiFieldChecks.number(body, "temperature"),
                OpenAiFieldChecks.number(body, "top_p"),
                maxTokens(body),
                OpenAiFieldChecks.stop(body.get("stop")),
                OpenAiFieldChecks.user(body.get("user")),
                object,
                openAiOnly,
                semantic);
    }

    /**
     * True when the client offered legacy {@code functions} and no {@code tools}: a translated answer's call then
     * comes back as a {@code function_call} (relayed answers are the provider's own).
     */
    boolean answersWithFunctionCall() {
        return body.hasNonNull("functions") && !body.hasNonNull("tools");
    }

    private static boolean semanticRequested(JsonNode extension) {
        if (extension == null || extension.isNull()) {
            return false;
        }
        if (!extension.isObject()
                || !(extension.path("cache").isMissingNode()
                        || extension.path("cache").isTextual())) {
            throw OpenAiError.invalidRequest(
                    LYSS_EXTENSION, "'lyss' must be an object like {\"cache\": \"semantic\"}.");
        }
        return "semantic".equals(extension.path("cache").asText());
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
            if (role.equals("tool") && !message.path("tool_call_id").isTextual()) {
                throw OpenAiError.invalidRequest(
                        param + ".tool_call_id", param + ".tool_call_id is required for a tool message.");
            }
            if (role.equals("function") && !message.path("name").isTextual()) {
                throw OpenAiError.invalidRequest(param + ".name", param + ".name is required for a function message.");
            }
            JsonNode functionCall = message.get("function_call");
            if (functionCall != null
                    && !functionCall.isNull()
                    && !(functionCall.isObject() && functionCall.path("name").isTextual())) {
                throw OpenAiError.invalidRequest(
                        param + ".function_call", param + ".function_call must be an object with a 'name'.");
            }
            JsonNode toolCalls = message.get("tool_calls");
            if (toolCalls != null && !toolCalls.isNull() && !toolCalls.isArray()) {
                throw OpenAiError.invalidRequest(param + ".tool_calls", param + ".tool_calls must be an array.");
            }
            boolean mayOmitContent = role.equals("assistant") && (toolCalls != null || message.has("function_call"));
            parsed.add(new PromptMessage(role, content(message.get("content"), param + ".content", mayOmitContent)));
        }
        return List.copyOf(parsed);
    }

    /** The text of a message; parts that are not text (images, audio) pass through to the channel untouched. */
    private static String content(JsonNode content, String param, boolean mayBeAbsent) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if ((content == null || content.isNull()) && mayBeAbsent) {
            return "";
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.isObject() || !part.path("type").isTextual()) {
                    throw OpenAiError.invalidRequest(param, param + " parts must be objects with a 'type'.");
                }
                if (part.path("type").asText().equals("text")) {
                    if (!part.path("text").isTextual()) {
                        throw OpenAiError.invalidRequest(param, param + " text parts need a string 'text'.");
                    }
                    text.append(part.get("text").asText());
                }
            }
            return text.toString();
        }
        throw OpenAiError.invalidRequest(param, param + " must be a string or an array of content parts.");
    }

    private static boolean hasNonTextContent(JsonNode messages) {
        for (JsonNode message : messages) {
            if (message.has("tool_calls")
                    || message.has("function_call")
                    || message.has("tool_call_id")
                    || message.path("role").asText().equals("function")) {
                return true;
            }
            for (JsonNode part : message.path("content")) {
                if (!part.path("type").asText().equals("text")) {
                    return true;
                }
            }
        }
        return false;
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
}
