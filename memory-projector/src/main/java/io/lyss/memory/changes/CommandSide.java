package io.lyss.memory.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records memory changes as events through the command side's internal API; answers once they are stored. The
 * memory projector never writes the memory index directly: the index follows the events.
 */
public final class CommandSide {

    private final String baseUrl;
    private final String internalToken;
    private final ObjectMapper json = EventJson.newMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CommandSide(String baseUrl, String internalToken) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.internalToken = internalToken;
    }

    /**
     * Records the changes in order.
     *
     * @param keyId the virtual key that asked for them, or null when they come from a turn
     * @return per memory id, whether it was stored ({@code false}: the memory is not in that scope)
     */
    public Map<String, Boolean> record(String keyId, String correlationId, List<MemoryChange> changes) {
        Map<String, Object> body = new HashMap<>();
        body.put("keyId", keyId);
        body.put("correlationId", correlationId);
        body.put("changes", changes);
        JsonNode answer = post("/internal/v1/memory/changes", body);
        Map<String, Boolean> stored = new HashMap<>();
        answer.path("results")
                .forEach(result -> stored.put(
                        result.path("memoryId").asText(),
                        "stored".equals(result.path("status").asText())));
        return stored;
    }

    /** Records that a user was forgotten (their data keys already destroyed). */
    public void forget(String workspaceId, String userId, List<String> dataKeyIds) {
        post(
                "/internal/v1/memory/forget",
                Map.of("workspaceId", workspaceId, "userId", userId, "dataKeyIds", dataKeyIds));
    }

    private JsonNode post(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + internalToken)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new CommandSideUnavailableException("HTTP " + response.statusCode() + " from " + path);
            }
            return response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new CommandSideUnavailableException(
                    e.getClass().getSimpleName() + " calling " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandSideUnavailableException("interrupted calling " + path);
        }
    }
}
