package io.lyss.orchestrator.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI chat request with tools, translated for an Anthropic channel through LangChain4j: {@code tools} become
 * {@link ToolSpecification}s (each parameter's JSON schema kept as written), {@code tool_choice} Anthropic's tool
 * choice, assistant {@code tool_calls} {@link ToolExecutionRequest}s and {@code tool} messages tool results.
 */
final class AnthropicToolRequest {

    /** Fields with no Anthropic counterpart: a request using any of them needs an OpenAI-compatible channel. */
    private static final Set<String> UNTRANSLATABLE = Set.of("logprobs", "response_format", "audio");

    private AnthropicToolRequest() {}

    /**
     * True when the request's only OpenAI-specific parts are tools, tool choice, tool calls and tool results, in the
     * current shape or the legacy one ({@code functions}, {@code function_call}, {@code function} messages).
     */
    static boolean translatable(ObjectNode body) {
        if (UNTRANSLATABLE.stream().anyMatch(body::hasNonNull) || body.path("n").asInt(1) > 1) {
            return false;
        }
        for (JsonNode tool : body.path("tools")) {
            if (!"function".equals(tool.path("type").asText())) {
                return false;
            }
        }
        for (JsonNode message : body.path("messages")) {
            for (JsonNode part : message.path("content")) {
                if (!"text".equals(part.path("type").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The request for LangChain4j. A client using legacy {@code functions} (and no {@code tools}) takes one function
     * call per answer, so Anthropic is asked for at most one {@code tool_use} ({@code disable_parallel_tool_use}).
     */
    static ChatRequest of(UpstreamCaller.Prompt prompt, String upstreamModel) {
        ObjectNode original = prompt.openAiBody();
        boolean legacy = LegacyFunctions.used(original);
        ObjectNode body = legacy ? LegacyFunctions.asTools(original) : original;
        var parameters = AnthropicChatRequestParameters.builder()
                .modelName(upstreamModel)
                .temperature(prompt.temperature())
                .topP(prompt.topP())
                .maxOutputTokens(prompt.maxTokens())
                .stopSequences(prompt.stop().isEmpty() ? null : prompt.stop())
                .toolSpecifications(tools(body.path("tools")));
        JsonNode choice = body.path("tool_choice");
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "required" -> parameters.toolChoice(ToolChoice.REQUIRED);
                case "none" -> parameters.toolChoice(ToolChoice.NONE);
                default -> parameters.toolChoice(ToolChoice.AUTO);
            }
        } else if (choice.path("function").path("name").isTextual()) {
            parameters.toolChoice(ToolChoice.REQUIRED);
            parameters.toolChoiceName(choice.path("function").path("name").asText());
        } else if (legacy) {
            parameters.toolChoice(ToolChoice.AUTO); // OpenAI's default when functions are offered
        }
        if (answersInLegacyShape(original) && !"none".equals(choice.asText())) {
            parameters.disableParallelToolUse(true);
        }
        return ChatRequest.builder()
                .messages(messages(body.path("messages")))
                .parameters(parameters.build())
                .build();
    }

    /** True when the client offered legacy {@code functions} only, and so expects a {@code function_call} back. */
    static boolean answersInLegacyShape(ObjectNode body) {
        return body.hasNonNull("functions") && !body.hasNonNull("tools");
    }

    private static List<ToolSpecification> tools(JsonNode tools) {
        List<ToolSpecification> specifications = new ArrayList<>();
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            JsonNode schema = function.path("parameters");
            var parameters = JsonObjectSchema.builder();
            schema.path("properties")
                    .properties()
                    .forEach(property -> parameters.addProperty(
                            property.getKey(),
                            JsonRawSchema.from(property.getValue().toString())));
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            parameters.required(required);
            specifications.add(ToolSpecification.builder()
                    .name(function.path("name").asText())
                    .description(
                            function.path("description").isTextual()
                                    ? function.path("description").asText()
                                    : null)
                    .parameters(parameters.build())
                    .build());
        }
        return specifications;
    }

    private static List<ChatMessage> messages(JsonNode messages) {
        Map<String, String> toolNames = new HashMap<>();
        List<ChatMessage> translated = new ArrayList<>();
        for (JsonNode message : messages) {
            String text = text(message.path("content"));
            switch (message.path("role").asText()) {
                case "system", "developer" -> translated.add(SystemMessage.from(text));
                case "assistant" -> translated.add(assistant(message, text, toolNames));
                case "tool" -> {
                    String callId = message.path("tool_call_id").asText();
                    translated.add(ToolExecutionResultMessage.from(
                            callId,
                            toolNames.getOrDefault(callId, message.path("name").asText("tool")),
                            text));
                }
                default -> translated.add(UserMessage.from(text));
            }
        }
        return translated;
    }

    private static AiMessage assistant(JsonNode message, String text, Map<String, String> toolNames) {
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            String id = call.path("id").asText();
            String name = call.path("function").path("name").asText();
            toolNames.put(id, name);
            calls.add(ToolExecutionRequest.builder()
                    .id(id)
                    .name(name)
                    .arguments(call.path("function").path("arguments").asText("{}"))
                    .build());
        }
        if (calls.isEmpty()) {
            return AiMessage.from(text);
        }
        return text.isEmpty() ? AiMessage.from(calls) : AiMessage.from(text, calls);
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText());
        }
        return text.toString();
    }
}
