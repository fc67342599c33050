package io.lyss.standalone;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Portkey's open-source gateway (npm {@code @portkey-ai/gateway}, pinned in {@code src/test/portkey}) as a
 * baseline in the benchmark, routed to the same mock upstream through its {@code x-portkey-custom-host} header.
 */
final class PortkeyGateway implements AutoCloseable {

    private static final File PROJECT = new File("src/test/portkey");

    private final Process process;
    private final int port;

    private PortkeyGateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Installs (first time) and starts it; null when Node or npm is missing or it does not come up. */
    static PortkeyGateway start() {
        try {
            if (!new File(PROJECT, "node_modules/@portkey-ai/gateway").isDirectory()) {
                Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(PROJECT)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    return null;
                }
            }
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder(
                            "node",
                            "node_modules/@portkey-ai/gateway/build/start-server.js",
                            "--port=" + port,
                            "--headless")
                    .directory(PROJECT)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            var gateway = new PortkeyGateway(process, port);
            if (gateway.awaitReady()) {
                return gateway;
            }
            gateway.close();
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String chatUrl() {
        return "http://127.0.0.1:" + port + "/v1/chat/completions";
    }

    static Map<String, String> headersFor(String upstreamBaseUrl) {
        return Map.of(
                "Authorization", "Bearer sk-bench",
                "x-portkey-provider", "openai",
                "x-portkey-custom-host", upstreamBaseUrl);
    }

    private boolean awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                var reply = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (reply.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a child process's port; there is nothing to await on
        }
        return false;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
