package io.lyss.orchestrator.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's deprecated function calling ({@code functions}, {@code function_call}, assistant {@code function_call}
 * and {@code function} messages) rewritten into its successor's shape ({@code tools}, {@code tool_choice},
 * {@code tool_calls}, {@code tool} messages), so that one translation serves both for an Anthropic channel.
 *
 * <p>Legacy calls carry no ids, which Anthropic's {@code tool_use} / {@code tool_result} blocks need. The id of an
 * assistant message's call is made from that message's position ({@code call_fn_<index>}), and a {@code function}
 * message answers the latest call before it: the same history always gets the same ids.
 */
final class LegacyFunctions {

    private LegacyFunctions() {}

    /** True when the body uses any part of the legacy function-calling protocol. */
    static boolean used(ObjectNode body) {
        if (body.hasNonNull("functions") || body.hasNonNull("function_call")) {
            return true;
        }
        for (JsonNode message : body.path("messages")) {
            if (message.hasNonNull("function_call")
                    || "function".equals(message.path("role").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the body with every legacy part in the tools shape; tools already present are kept. */
    static ObjectNode asTools(ObjectNode body) {
        ObjectNode rewritten = body.deepCopy();
        JsonNode functions = rewritten.remove("functions");
        if (functions != null && functions.isArray()) {
            ArrayNode tools = rewritten.withArray("tools");
            for (JsonNode function : functions) {
                tools.addObject().put("type", "function").set("function", function.deepCopy());
            }
        }
        JsonNode choice = rewritten.remove("function_call");
        if (choice != null && !choice.isNull() && !rewritten.hasNonNull("tool_choice")) {
            if (choice.isTextual()) {
                rewritten.put("tool_choice", choice.asText());
            } else {
                ObjectNode named = rewritten.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", choice.path("name").asText());
            }
        }
        rewritten.set("messages", messages(rewritten.path("messages")));
        return rewritten;
    }

    /** The id given to the call of the assistant message at {@code index}. */
    static String callId(int index) {
        return "call_fn_" + index;
    }

    private static ArrayNode messages(JsonNode messages) {
        ArrayNode rewritten = ((ArrayNode) messages).arrayNode();
        String lastCallId = null;
        for (int index = 0; index < messages.size(); index++) {
            ObjectNode message = (ObjectNode) messages.get(index).deepCopy();
            JsonNode call = message.remove("function_call");
            if (call != null && call.isObject()) {
                lastCallId = callId(index);
                ObjectNode toolCall = message.withArray("tool_calls")
                        .addObject()
                        .put("id", lastCallId)
                        .put("type", "function");
                toolCall.putObject("function")
                        .put("name", call.path("name").asText())
                        .put("arguments", call.path("arguments").asText("{}"));
            } else if ("function".equals(message.path("role").asText())) {
                message.put("role", "tool");
                message.put("tool_call_id", lastCallId == null ? callId(index) : lastCallId);
            }
            rewritten.add(message);
        }
        return rewritten;
    }
}
