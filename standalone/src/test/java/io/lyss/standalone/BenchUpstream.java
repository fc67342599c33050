package io.lyss.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The fastest honest OpenAI-compatible upstream the JDK offers: pre-serialised answers, no parsing beyond reading
 * the body and spotting {@code "stream":true}. Both the direct baseline and the gateway call this same server.
 */
final class BenchUpstream implements AutoCloseable {

    private static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
                    + "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"The answer is forty-two.\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":6,\"total_tokens\":23}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM = streamBody();

    private final HttpServer server;

    BenchUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange exchange) throws IOException {
        boolean stream;
        try (InputStream in = exchange.getRequestBody()) {
            stream = new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"stream\":true");
        }
        exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
        byte[] body = stream ? STREAM : COMPLETION;
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] streamBody() {
        StringBuilder body = new StringBuilder();
        String head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"bench-model\",";
        body.append(head)
                .append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
        for (String piece : new String[] {"The", " answer", " is", " forty", "-two", "."}) {
            body.append(head)
                    .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(piece)
                    .append("\"}}]}\n\n");
        }
        body.append(head).append("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        body.append(head)
                .append(
                        "\"choices\":[],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":6,\"total_tokens\":23}}\n\n");
        body.append("data: [DONE]\n\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
