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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server speaking OpenAI's chat completions protocol, streaming included, that answers every request
 * with a scripted reply and scripted usage, and remembers what it was sent.
 */
final class MockOpenAiServer implements AutoCloseable {

    /** One request as the mock received it. */
    record Received(String authorization, JsonNode body) {}

    static final List<String> ANSWER_PIECES = List.of("The", " answer", " is", " forty", "-two", ".");
    static final String ANSWER = String.join("", ANSWER_PIECES);
    static final int PROMPT_TOKENS = 17;
    static final int COMPLETION_TOKENS = 6;
    static final int EMBEDDING_TOKENS = 4;
    /** An embeddings request with this {@code user} is answered without usage, like a provider that reports none. */
    static final String OMIT_USAGE = "omit-usage";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int failureStatus;
    private final Duration pieceDelay;

    MockOpenAiServer() throws IOException {
        this(0);
    }

    /** A provider that answers every request with this HTTP status and an OpenAI error body (0: answers). */
    MockOpenAiServer(int failureStatus) throws IOException {
        this(failureStatus, Duration.ZERO);
    }

    /** A provider that streams each piece of its answer this long after the previous one, like a real model. */
    MockOpenAiServer(Duration pieceDelay) throws IOException {
        this(0, pieceDelay);
    }

    private MockOpenAiServer(int failureStatus, Duration pieceDelay) throws IOException {
        this.failureStatus = failureStatus;
        this.pieceDelay = pieceDelay;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/v1/embeddings", this::embed);
        server.start();
    }

    /** From now on answers every request (a failing provider that recovered). */
    void recover() {
        failureStatus = 0;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Received> received() {
        return received;
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
        String model = body.path("model").asText();
        if (failureStatus > 0) {
            byte[] error = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(failureStatus, error.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(error);
            }
        } else if (body.has("tools")) {
            MockToolCalls.answer(exchange, json, model, body.path("stream").asBoolean());
        } else if (body.path("stream").asBoolean()) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                send(
                        out,
                        chunk(
                                model,
                                json.createObjectNode().put("role", "assistant").put("content", ""),
                                null));
                for (String piece : ANSWER_PIECES) {
                    pause();
                    send(out, chunk(model, json.createObjectNode().put("content", piece), null));
                }
                send(out, chunk(model, json.createObjectNode(), "stop"));
                if (body.path("stream_options").path("include_usage").asBoolean()) {
                    ObjectNode usage = base(model);
                    usage.putArray("choices");
                    usage(usage);
                    send(out, usage);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        } else {
            ObjectNode completion = base(model).put("object", "chat.completion");
            ObjectNode choice =
                    completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", ANSWER);
            usage(completion);
            byte[] bytes = json.writeValueAsBytes(completion);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * OpenAI's embeddings: one 3-dimensional vector per input, derived from the input's length, and the usage
     * (unless the request's {@code user} is {@link #OMIT_USAGE}).
     */
    private void embed(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
        ObjectNode answer = json.createObjectNode()
                .put("object", "list")
                .put("model", body.path("model").asText());
        var data = answer.putArray("data");
        JsonNode input = body.path("input");
        List<JsonNode> inputs = new java.util.ArrayList<>();
        if (input.isArray()) {
            input.forEach(inputs::add);
        } else {
            inputs.add(input);
        }
        for (int i = 0; i < inputs.size(); i++) {
            int length = inputs.get(i).asText().length();
            data.addObject()
                    .put("object", "embedding")
                    .put("index", i)
                    .putArray("embedding")
                    .add(length)
                    .add(0.5)
                    .add(-0.5);
        }
        if (!OMIT_USAGE.equals(body.path("user").asText())) {
            answer.putObject("usage").put("prompt_tokens", EMBEDDING_TOKENS).put("total_tokens", EMBEDDING_TOKENS);
        }
        byte[] bytes = json.writeValueAsBytes(answer);
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
                .put("prompt_tokens", PROMPT_TOKENS)
                .put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    }

    private void send(OutputStream out, ObjectNode event) throws IOException {
        out.write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void pause() throws IOException {
        if (pieceDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(pieceDelay); // the pace of a model generating tokens, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
