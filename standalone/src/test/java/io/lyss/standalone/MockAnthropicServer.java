package io.lyss.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server speaking Anthropic's Messages API in streaming mode: message_start, content_block_start,
 * content_block_delta..., content_block_stop, message_delta (usage, stop reason), message_stop. Offered tools (and
 * not yet given a tool result), it calls the first one: a short text block, then a {@code tool_use} block whose
 * input streams as {@code input_json_delta} pieces, ending with stop reason {@code tool_use}.
 */
final class MockAnthropicServer implements AutoCloseable {

    /** One request as received: the API key header, the version header and the body. */
    record Received(String apiKey, String version, JsonNode body) {}

    static final List<String> ANSWER_PIECES = List.of("Bonjour", " from", " Claude", ".");
    static final String ANSWER = String.join("", ANSWER_PIECES);
    static final int INPUT_TOKENS = 21;
    static final int OUTPUT_TOKENS = 4;
    static final String TOOL_USE_ID = "toolu_mock_1";
    static final String TOOL_PREAMBLE = "Let me check.";
    static final List<String> TOOL_INPUT_PIECES = List.of("{\"city\":", " \"Paris\"}");
    static final String TOOL_INPUT = String.join("", TOOL_INPUT_PIECES);
    static final int TOOL_OUTPUT_TOKENS = 12;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    MockAnthropicServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/messages", this::messages);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Received> received() {
        return received;
    }

    private void messages(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        var headers = exchange.getRequestHeaders();
        received.add(new Received(headers.getFirst("x-api-key"), headers.getFirst("anthropic-version"), body));
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            ObjectNode start = json.createObjectNode().put("type", "message_start");
            start.putObject("message")
                    .put("id", "msg_mock")
                    .put("type", "message")
                    .put("role", "assistant")
                    .put("model", body.path("model").asText())
                    .putNull("stop_reason")
                    .putObject("usage")
                    .put("input_tokens", INPUT_TOKENS)
                    .put("output_tokens", 1);
            send(out, "message_start", start);
            if (body.has("tools") && !hasToolResult(body)) {
                callTool(out, body.path("tools").get(0).path("name").asText());
                return;
            }
            ObjectNode blockStart =
                    json.createObjectNode().put("type", "content_block_start").put("index", 0);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            send(out, "content_block_start", blockStart);
            for (String piece : ANSWER_PIECES) {
                ObjectNode delta = json.createObjectNode()
                        .put("type", "content_block_delta")
                        .put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
                send(out, "content_block_delta", delta);
            }
            send(
                    out,
                    "content_block_stop",
                    json.createObjectNode().put("type", "content_block_stop").put("index", 0));
            ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
            messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
            messageDelta.putObject("usage").put("output_tokens", OUTPUT_TOKENS);
            send(out, "message_delta", messageDelta);
            send(out, "message_stop", json.createObjectNode().put("type", "message_stop"));
        }
    }

    private void callTool(OutputStream out, String tool) throws IOException {
        ObjectNode textStart =
                json.createObjectNode().put("type", "content_block_start").put("index", 0);
        textStart.putObject("content_block").put("type", "text").put("text", "");
        send(out, "content_block_start", textStart);
        ObjectNode text =
                json.createObjectNode().put("type", "content_block_delta").put("index", 0);
        text.putObject("delta").put("type", "text_delta").put("text", TOOL_PREAMBLE);
        send(out, "content_block_delta", text);
        send(
                out,
                "content_block_stop",
                json.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode toolStart =
                json.createObjectNode().put("type", "content_block_start").put("index", 1);
        ObjectNode block = toolStart.putObject("content_block");
        block.put("type", "tool_use").put("id", TOOL_USE_ID).put("name", tool).putObject("input");
        send(out, "content_block_start", toolStart);
        for (String piece : TOOL_INPUT_PIECES) {
            ObjectNode delta =
                    json.createObjectNode().put("type", "content_block_delta").put("index", 1);
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
            send(out, "content_block_delta", delta);
        }
        send(
                out,
                "content_block_stop",
                json.createObjectNode().put("type", "content_block_stop").put("index", 1));
        ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "tool_use").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", TOOL_OUTPUT_TOKENS);
        send(out, "message_delta", messageDelta);
        send(out, "message_stop", json.createObjectNode().put("type", "message_stop"));
    }

    private static boolean hasToolResult(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void send(OutputStream out, String event, ObjectNode data) throws IOException {
        out.write(("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
