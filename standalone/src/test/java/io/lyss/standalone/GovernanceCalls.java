package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The admin and OpenAI calls governance tests make, over real HTTP. */
final class GovernanceCalls {

    record Tenant(String workspaceId, String channelId, String keyId, String key) {}

    private final PlatformClient client;
    private final String adminToken;

    GovernanceCalls(PlatformClient client, String adminToken) {
        this.client = client;
        this.adminToken = adminToken;
    }

    String workspace(String name) {
        var reply = client.post("/admin/v1/workspaces", adminToken, "{\"name\":\"" + name + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    String channel(String bearer, String workspaceId, String baseUrl, String model, String secret) {
        var reply = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                bearer,
                """
                {"name":"mock","provider":"openai-compatible","baseUrl":"%s","models":["%s"],"apiKey":"%s"}
                """
                        .formatted(baseUrl, model, secret));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    JsonNode key(String bearer, String workspaceId, String body) {
        var reply = client.post("/admin/v1/workspaces/" + workspaceId + "/keys", bearer, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    Tenant tenant(String baseUrl, String model, String secret) {
        String workspaceId = workspace("gov " + model);
        String channelId = channel(adminToken, workspaceId, baseUrl, model, secret);
        JsonNode key = key(adminToken, workspaceId, "{\"name\":\"k\"}");
        var tenant = new Tenant(
                workspaceId, channelId, key.path("id").asText(), key.path("key").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> models(tenant.key()).contains(model));
        return tenant;
    }

    String user(String bearer, String workspaceId, String username, String password, String role) {
        var reply = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/users",
                bearer,
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\"}".formatted(username, password, role));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("userId").asText();
    }

    PlatformClient.Reply login(String username, String password) {
        return client.post(
                "/admin/v1/login", null, "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
    }

    String token(String username, String password) {
        var reply = login(username, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("token").asText();
    }

    /** The model ids {@code GET /v1/models} lists for a key; empty when the key is refused. */
    List<String> models(String key) {
        var reply = client.get("/v1/models", key);
        List<String> ids = new ArrayList<>();
        if (reply.status() == 200) {
            reply.json().path("data").forEach(model -> ids.add(model.path("id").asText()));
        }
        return ids;
    }

    /** A chat no earlier one answers from the cache: each must reach the channel (and show its credentials). */
    int chat(String key, String model) {
        return client.post(
                        "/v1/chat/completions",
                        key,
                        """
                        {"model":"%s","messages":[{"role":"user","content":"Hello? %s"}]}
                        """
                                .formatted(model, UUID.randomUUID()))
                .status();
    }
}
