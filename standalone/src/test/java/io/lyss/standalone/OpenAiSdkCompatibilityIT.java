package io.lyss.standalone;

import static io.lyss.standalone.PlatformUnderTest.freePort;
import static io.lyss.standalone.PlatformUnderTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyss.infra.LocalInfrastructure;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as OpenAI clients see it: the official Node SDK against the running platform (streaming and tool
 * calls included), the answer cache, circuit events, CORS and bad input, through the real PostgreSQL and Kafka.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class OpenAiSdkCompatibilityIT {

    private static final PlatformUnderTest PLATFORM = new PlatformUnderTest();
    private static final LocalInfrastructure INFRA = PlatformUnderTest.INFRA;
    private static final int PORT = PLATFORM.port;
    private static final String ADMIN_TOKEN = PLATFORM.adminToken;
    private static final File NODE_PROJECT = new File("src/test/node");
    private static MockOpenAiServer upstream;

    private final PlatformClient client = new PlatformClient(PORT);
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        PLATFORM.register(properties);
        properties.add("lyss.orchestrator.max-request-bytes", () -> 65_536);
        properties.add("lyss.orchestrator.routing.circuit-failure-threshold", () -> 2);
    }

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = new MockOpenAiServer();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Test
    void theOfficialNodeSdkWorksUnchangedStreamingAndToolCallsIncluded() throws Exception {
        Tenant tenant = newTenant("sdk-model", upstream.baseUrl(), 0);
        if (!new File(NODE_PROJECT, "node_modules/openai").isDirectory()) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of())
                            .exitCode())
                    .isZero();
        }
        var result = run(
                List.of("node", "openai-sdk-check.mjs"),
                Map.of(
                        "LYSS_BASE_URL",
                        "http://127.0.0.1:" + PORT + "/v1",
                        "LYSS_KEY",
                        tenant.key(),
                        "LYSS_MODEL",
                        "sdk-model"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok - a tool call, streamed, through the SDK stream helper");
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheAndTheSavingIsAnEvent() throws Exception {
        Tenant tenant = newTenant("cache-model", upstream.baseUrl(), 0);
        String body =
                """
                {"model":"cache-model","messages":[{"role":"user","content":"Cache me %s"}]}
                """
                        .formatted(random(8));
        var first = post("/v1/chat/completions", tenant.key(), body, Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Lyss-Cache")).isEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var again = post("/v1/chat/completions", tenant.key(), body, Map.of());
            assertThat(again.headers().firstValue("X-Lyss-Cache")).hasValue("hit-exact");
            assertThat(again.body()).contains(MockOpenAiServer.ANSWER);
        });
        int upstreamCalls = upstream.received().size();
        String streamed = body.replace("{\"model\"", "{\"stream\":true,\"model\"");
        var streamedHit = post("/v1/chat/completions", tenant.key(), streamed, Map.of());
        assertThat(streamedHit.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(streamedHit.body()).contains("forty").endsWith("data: [DONE]\n\n");
        var bypassed = post("/v1/chat/completions", tenant.key(), body, Map.of("X-Lyss-Cache", "off"));
        assertThat(bypassed.headers().firstValue("X-Lyss-Cache")).isEmpty();
        assertThat(upstream.received()).hasSize(upstreamCalls + 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> hits = jdbc.queryForList(
                    """
                    SELECT convert_from(payload, 'UTF8')::jsonb AS payload FROM lyss_command.domain_event_entry
                    WHERE payload_type LIKE '%.CacheHit'
                      AND convert_from(payload, 'UTF8')::jsonb ->> 'workspaceId' = ?
                    """,
                    tenant.workspaceId());
            assertThat(hits).hasSizeGreaterThanOrEqualTo(2);
            assertThat(hits.getFirst().get("payload").toString())
                    .contains("\"kind\": \"exact\"")
                    .contains("\"savedPromptTokens\": " + MockOpenAiServer.PROMPT_TOKENS);
        });
    }

    @Test
    void aDeadChannelFallsBackAndItsOpenCircuitIsAnEvent() throws Exception {
        Tenant tenant = newTenant("circuit-model", upstream.baseUrl(), 0);
        var dead = client.post(
                "/admin/v1/workspaces/" + tenant.workspaceId() + "/channels",
                ADMIN_TOKEN,
                """
                {"name":"dead","provider":"openai-compatible","baseUrl":"http://127.0.0.1:%d/v1","models":["circuit-model"],"priority":10}
                """
                        .formatted(freePort()));
        assertThat(dead.status()).isEqualTo(201);
        String deadId = dead.json().path("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var answer =
                    post("/v1/chat/completions", tenant.key(), chat("circuit-model"), Map.of("X-Lyss-Cache", "off"));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(storedEventTypes(deadId)).contains("ChannelCircuitOpened");
        });
    }

    @Test
    void browsersMayCallAndBadInputGetsOpenAiErrorsNeverA500() throws Exception {
        Tenant tenant = newTenant("strict-model", upstream.baseUrl(), 0);
        var preflight = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/v1/chat/completions"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:3210")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://localhost:3210");

        Map<String, Integer> expected = Map.of(
                "{\"model\":\"strict-model\",\"messages\":\"hi\"}",
                400,
                "{\"model\":\"strict-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":\"2\"}",
                400,
                "{\"model\":\"strict-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":{}}",
                400,
                "{\"model\":7,\"messages\":[]}",
                400,
                "[1,2,3]",
                400,
                "{\"model\":\"strict-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(70_000)
                        + "\"}]}",
                413,
                "\u0000\u0001garbage",
                400);
        for (var entry : expected.entrySet()) {
            var reply = post("/v1/chat/completions/", tenant.key(), entry.getKey(), Map.of());
            assertThat(reply.statusCode())
                    .as(entry.getKey().substring(0, Math.min(60, entry.getKey().length())))
                    .isEqualTo(entry.getValue());
            assertThat(reply.body()).contains("\"error\"").contains("\"type\"").doesNotContain("Exception");
        }
        var embeddings = post("/v1/embeddings", tenant.key(), "{\"model\":\"strict-model\"}", Map.of());
        assertThat(embeddings.statusCode()).isEqualTo(400);
        assertThat(embeddings.body()).contains("\"param\":\"input\"");
    }

    private record Tenant(String workspaceId, String keyId, String key) {}

    private record Run(int exitCode, String output) {}

    private Tenant newTenant(String model, String baseUrl, int priority) {
        String workspaceId = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"sdk " + model + "\"}")
                .json()
                .path("id")
                .asText();
        var channel = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                """
                {"name":"mock","provider":"openai-compatible","baseUrl":"%s","models":["%s"],"priority":%d,"apiKey":"sk-up"}
                """
                        .formatted(baseUrl, model, priority));
        assertThat(channel.status()).isEqualTo(201);
        var key = client.post("/admin/v1/workspaces/" + workspaceId + "/keys", ADMIN_TOKEN, "{\"name\":\"sdk key\"}");
        var tenant = new Tenant(
                workspaceId,
                key.json().path("id").asText(),
                key.json().path("key").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        client.get("/v1/models", tenant.key()).body())
                .contains("\"id\":\"" + model + "\""));
        return tenant;
    }

    private HttpResponse<String> post(String path, String key, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi " + random(6) + "\"}]}";
    }

    private List<String> storedEventTypes(String aggregateId) {
        return jdbc
                .queryForList(
                        "SELECT payload_type FROM lyss_command.domain_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        aggregateId)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    private static Run run(List<String> command, Map<String, String> environment) throws Exception {
        var process = new ProcessBuilder(command).directory(NODE_PROJECT).redirectErrorStream(true);
        process.environment().putAll(environment);
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!started.waitFor(5, TimeUnit.MINUTES)) {
            started.destroyForcibly();
            return new Run(-1, output + "\n(timed out)");
        }
        return new Run(started.exitValue(), output);
    }
}
