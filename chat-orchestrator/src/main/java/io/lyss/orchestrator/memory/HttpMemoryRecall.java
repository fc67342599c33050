package io.lyss.orchestrator.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MemoryRecall} over HTTP: {@code POST /internal/v1/memory/recall} on the memory projector, with the
 * internal token. The chat must not fail because memory is slow or down: after the timeout, on any error, or
 * for a request without an end user, it recalls nothing.
 */
public final class HttpMemoryRecall implements MemoryRecall {

    private static final Logger LOG = LoggerFactory.getLogger(HttpMemoryRecall.class);

    private final URI endpoint;
    private final String internalToken;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    public HttpMemoryRecall(String memoryUrl, String internalToken, Duration timeout, ObjectMapper json) {
        this.endpoint = URI.create(memoryUrl.replaceAll("/+$", "") + "/internal/v1/memory/recall");
        this.internalToken = internalToken;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public List<RecalledMemory> recall(String workspaceId, String endUserId, String query, int limit) {
        if (endUserId == null || endUserId.isBlank() || query == null || query.isBlank() || limit < 1) {
            return List.of();
        }
        try {
            byte[] body = json.writeValueAsBytes(
                    Map.of("workspaceId", workspaceId, "userId", endUserId, "query", query, "limit", limit));
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + internalToken)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warn("Memory recall answered HTTP {}; answering without memories", response.statusCode());
                return List.of();
            }
            List<RecalledMemory> memories = new ArrayList<>();
            for (JsonNode memory : json.readTree(response.body()).path("memories")) {
                memories.add(new RecalledMemory(
                        memory.path("id").asText(),
                        memory.path("memory").asText(),
                        memory.path("score").asDouble()));
            }
            return memories;
        } catch (IOException e) {
            LOG.warn(
                    "Memory recall failed ({}); answering without memories",
                    e.getClass().getSimpleName());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
