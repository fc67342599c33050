package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Type checks for the fields Lyss passes through without interpreting: a wrong type is the client's mistake and
 * gets a 400 naming the field here, rather than an opaque error from whichever provider the request reaches.
 */
final class OpenAiFieldChecks {

    private OpenAiFieldChecks() {}

    static void check(JsonNode body) {
        number(body, "temperature");
        number(body, "top_p");
        number(body, "presence_penalty");
        number(body, "frequency_penalty");
        integer(body, "n", 1, 128);
        integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        integer(body, "top_logprobs", 0, 20);
        bool(body, "logprobs");
        bool(body, "parallel_tool_calls");
        object(body, "response_format");
        object(body, "logit_bias");
        object(body, "metadata");
        tools(body.get("tools"));
        toolChoice(body.get("tool_choice"));
        functions(body.get("functions"));
        functionCall(body.get("function_call"));
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw OpenAiError.invalidRequest(field, "'" + field + "' must be a number.");
        }
        return value.asDouble();
    }

    private static void integer(JsonNode body, String field, long min, long max) {
        JsonNode value = body.get(field);
        if (value != null
                && !value.isNull()
                && (!value.isIntegralNumber()
                        || !value.canConvertToLong()
                        || value.asLong() < min
                        || value.asLong() > max)) {
            throw OpenAiError.invalidRequest(
                    field, "'" + field + "' must be an integer between " + min + " and " + max + ".");
        }
    }

    private static void bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw OpenAiError.invalidRequest(field, "'" + field + "' must be a boolean.");
        }
    }

    private static void object(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isObject()) {
            throw OpenAiError.invalidRequest(field, "'" + field + "' must be an object.");
        }
    }

    private static void tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray() || tools.isEmpty()) {
            throw OpenAiError.invalidRequest("tools", "'tools' must be a non-empty array.");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject() || !tool.path("type").isTextual()) {
                throw OpenAiError.invalidRequest(
                        "tools[" + i + "]", "tools[" + i + "] must be an object with a 'type'.");
            }
            if (tool.path("type").asText().equals("function")
                    && !tool.path("function").path("name").isTextual()) {
                throw OpenAiError.invalidRequest(
                        "tools[" + i + "].function.name", "tools[" + i + "].function.name must be a string.");
            }
        }
    }

    private static void toolChoice(JsonNode choice) {
        if (choice != null && !choice.isNull() && !choice.isTextual() && !choice.isObject()) {
            throw OpenAiError.invalidRequest("tool_choice", "'tool_choice' must be a string or an object.");
        }
    }

    /** Legacy {@code functions}: a non-empty array of {@code {name, description?, parameters?}}. */
    private static void functions(JsonNode functions) {
        if (functions == null || functions.isNull()) {
            return;
        }
        if (!functions.isArray() || functions.isEmpty()) {
            throw OpenAiError.invalidRequest("functions", "'functions' must be a non-empty array.");
        }
        for (int i = 0; i < functions.size(); i++) {
            if (!functions.get(i).path("name").isTextual()) {
                throw OpenAiError.invalidRequest(
                        "functions[" + i + "].name", "functions[" + i + "].name must be a string.");
            }
        }
    }

    /** Legacy {@code function_call}: {@code "none"}, {@code "auto"} or {@code {"name": ...}}. */
    private static void functionCall(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return;
        }
        boolean valid = choice.isTextual()
                ? choice.asText().equals("none") || choice.asText().equals("auto")
                : choice.isObject() && choice.path("name").isTextual();
        if (!valid) {
            throw OpenAiError.invalidRequest(
                    "function_call", "'function_call' must be \"none\", \"auto\" or an object with a 'name'.");
        }
    }

    static String user(JsonNode user) {
        if (user == null || user.isNull()) {
            return null;
        }
        if (!user.isTextual() || user.asText().length() > 256) {
            throw OpenAiError.invalidRequest("user", "'user' must be a string of at most 256 characters.");
        }
        return user.asText().isBlank() ? null : user.asText();
    }

    static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (stop.isArray()) {
            List<String> sequences = new ArrayList<>();
            for (JsonNode sequence : stop) {
                if (!sequence.isTextual()) {
                    throw OpenAiError.invalidRequest("stop", "'stop' must be a string or an array of strings.");
                }
                sequences.add(sequence.asText());
            }
            return List.copyOf(sequences);
        }
        throw OpenAiError.invalidRequest("stop", "'stop' must be a string or an array of strings.");
    }
}
