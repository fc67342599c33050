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
 * A real HTTP server speaking OpenAI's chat completions protocol (streaming and not) that plays two models: the
 * memory model {@value #MEMORY_MODEL}, answering with scripted extraction JSON, a chat model answering "Noted.", and
 * {@value #ECHO_MODEL}, answering "You said: " and the last user message.
 */
final class MockMemoryModelServer implements AutoCloseable {

    static final String MEMORY_MODEL = "mem-model";
    static final String CHAT_MODEL = "chat-model";
    static final String ECHO_MODEL = "echo-model";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> memoryCalls = new CopyOnWriteArrayList<>();
    private volatile String extraction = "{\"memory\":[]}";

    MockMemoryModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** What the memory model answers from now on. */
    void extractionAnswer(String answer) {
        this.extraction = answer;
    }

    List<JsonNode> memoryCalls() {
        return memoryCalls;
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        String model = body.path("model").asText();
        String answer = "Noted.";
        if (MEMORY_MODEL.equals(model)) {
            memoryCalls.add(body);
            answer = extraction;
        } else if (ECHO_MODEL.equals(model)) {
            JsonNode messages = body.path("messages");
            answer = "You said: "
                    + messages.path(messages.size() - 1).path("content").asText();
        }
        if (body.path("stream").asBoolean()) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                send(
                        out,
                        chunk(
                                model,
                                json.createObjectNode().put("role", "assistant").put("content", answer),
                                null));
                send(out, chunk(model, json.createObjectNode(), "stop"));
                if (body.path("stream_options").path("include_usage").asBoolean()) {
                    ObjectNode usage = base(model);
                    usage.putArray("choices");
                    usage(usage);
                    send(out, usage);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        ObjectNode completion = base(model).put("object", "chat.completion");
        ObjectNode choice =
                completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer);
        usage(completion);
        byte[] bytes = json.writeValueAsBytes(completion);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode chunk(String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = base(model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode base(String model) {
        return json.createObjectNode()
                .put("id", "chatcmpl-mock")
                .put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L)
                .put("model", model);
    }

    private static void usage(ObjectNode node) {
        node.putObject("usage")
                .put("prompt_tokens", 50)
                .put("completion_tokens", 10)
                .put("total_tokens", 60);
    }

    private void send(OutputStream out, ObjectNode event) throws IOException {
        out.write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
