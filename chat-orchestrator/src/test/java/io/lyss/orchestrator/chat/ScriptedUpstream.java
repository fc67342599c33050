package io.lyss.orchestrator.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real HTTP server speaking OpenAI's streaming protocol whose answers are scripted one request at a time: an
 * error status, a stall before the first chunk, a stream that breaks off, or a normal answer (the default once the
 * script is used up). It records every body it receives and the connections they came on.
 */
final class ScriptedUpstream implements AutoCloseable {

    enum Step {
        ANSWER,
        STATUS_429,
        STATUS_500,
        STATUS_400,
        STALL_BEFORE_FIRST_CHUNK,
        STALL_BEFORE_HEADERS,
        BREAK_AFTER_FIRST_CHUNK,
        COMPLETION,
        TOOL_CALL
    }

    static final List<String> PIECES = List.of("Hello", " from", " upstream");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Queue<Step> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);

    ScriptedUpstream(Step... steps) throws IOException {
        script.addAll(List.of(steps));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    List<JsonNode> received() {
        return received;
    }

    /** How many connections the requests so far came on (told apart by the client's port). */
    int connections() {
        return clientPorts.size();
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(json.readTree(exchange.getRequestBody()));
        clientPorts.add(exchange.getRemoteAddress().getPort());
        Step step = script.poll();
        switch (step == null ? Step.ANSWER : step) {
            case STATUS_429 -> status(exchange, 429, "rate_limit_exceeded");
            case STATUS_500 -> status(exchange, 500, "server_error");
            case STATUS_400 -> status(exchange, 400, "invalid_value");
            case STALL_BEFORE_FIRST_CHUNK -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().flush();
                awaitRelease();
                exchange.close();
            }
            case STALL_BEFORE_HEADERS -> {
                awaitRelease();
                exchange.close();
            }
            case COMPLETION -> {
                byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello from upstream\"},"
                                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":11,"
                                + "\"completion_tokens\":3,\"total_tokens\":14}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            case BREAK_AFTER_FIRST_CHUNK -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                send(out, "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}");
                exchange.close();
            }
            case TOOL_CALL ->
                stream(
                        exchange,
                        List.of(
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                                        + "\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                                        + "\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                                        + "\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}",
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                                "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,"
                                        + "\"total_tokens\":29}}"));
            case ANSWER ->
                stream(
                        exchange,
                        List.of(
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}",
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" from\"}}]}",
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" upstream\"}}]}",
                                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                                "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":3,"
                                        + "\"total_tokens\":14}}"));
        }
    }

    private void stream(HttpExchange exchange, List<String> chunks) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String chunk : chunks) {
                send(out, chunk);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void status(HttpExchange exchange, int status, String code) throws IOException {
        byte[] body = ("{\"error\":{\"message\":\"scripted " + status + "\",\"type\":\"x\",\"param\":\"temperature\","
                        + "\"code\":\"" + code + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void send(OutputStream out, String chunk) throws IOException {
        out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
