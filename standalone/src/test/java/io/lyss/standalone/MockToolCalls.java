package io.lyss.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How {@link MockOpenAiServer} answers a request offering tools: it calls {@code get_weather} for Paris, in one
 * message or as streamed {@code tool_calls} deltas (name first, then the arguments in two pieces), as OpenAI does.
 */
final class MockToolCalls {

    static final String TOOL = "get_weather";
    static final String ARGUMENTS = "{\"city\":\"Paris\"}";
    static final String CALL_ID = "call_mock_1";

    private MockToolCalls() {}

    static void answer(HttpExchange exchange, ObjectMapper json, String model, boolean stream) throws IOException {
        if (!stream) {
            ObjectNode completion = base(json, model).put("object", "chat.completion");
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
            ObjectNode message =
                    choice.putObject("message").put("role", "assistant").putNull("content");
            ObjectNode call = message.putArray("tool_calls")
                    .addObject()
                    .put("id", CALL_ID)
                    .put("type", "function");
            call.putObject("function").put("name", TOOL).put("arguments", ARGUMENTS);
            choice.put("finish_reason", "tool_calls");
            completion
                    .putObject("usage")
                    .put("prompt_tokens", 30)
                    .put("completion_tokens", 8)
                    .put("total_tokens", 38);
            byte[] bytes = json.writeValueAsBytes(completion);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            ObjectNode first = delta(json, model);
            ObjectNode call = deltaOf(first)
                    .put("role", "assistant")
                    .putArray("tool_calls")
                    .addObject()
                    .put("index", 0)
                    .put("id", CALL_ID)
                    .put("type", "function");
            call.putObject("function").put("name", TOOL).put("arguments", "");
            send(out, json, first);
            for (String piece : List.of(ARGUMENTS.substring(0, 8), ARGUMENTS.substring(8))) {
                ObjectNode chunk = delta(json, model);
                deltaOf(chunk)
                        .putArray("tool_calls")
                        .addObject()
                        .put("index", 0)
                        .putObject("function")
                        .put("arguments", piece);
                send(out, json, chunk);
            }
            ObjectNode last = delta(json, model);
            ((ObjectNode) last.get("choices").get(0)).put("finish_reason", "tool_calls");
            send(out, json, last);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode delta(ObjectMapper json, String model) {
        ObjectNode chunk = base(json, model).put("object", "chat.completion.chunk");
        chunk.putArray("choices")
                .addObject()
                .put("index", 0)
                .putNull("finish_reason")
                .putObject("delta");
        return chunk;
    }

    private static ObjectNode deltaOf(ObjectNode chunk) {
        return (ObjectNode) chunk.get("choices").get(0).get("delta");
    }

    private static ObjectNode base(ObjectMapper json, String model) {
        return json.createObjectNode()
                .put("id", "chatcmpl-mock-tools")
                .put("created", 1_700_000_000L)
                .put("model", model);
    }

    private static void send(OutputStream out, ObjectMapper json, ObjectNode chunk) throws IOException {
        out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
