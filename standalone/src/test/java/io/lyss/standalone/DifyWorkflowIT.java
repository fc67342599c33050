package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.infra.LocalInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Dify-compatible API and the per-request workflow end to end, through the real PostgreSQL, Kafka and
 * Elasticsearch, with the provider replaced by a real HTTP server speaking OpenAI's protocol and the memory and
 * cache ports scripted ({@link WorkflowTestPorts}).
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(WorkflowTestPorts.class)
@DirtiesContext
class DifyWorkflowIT {

    static final PlatformUnderTest PLATFORM = new PlatformUnderTest();
    static final LocalInfrastructure INFRA = PlatformUnderTest.INFRA;
    static final int PORT = PLATFORM.port;
    static final String ADMIN_TOKEN = PLATFORM.adminToken;
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();
    static MockOpenAiServer upstream;

    final PlatformClient client = new PlatformClient(PORT);

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        PLATFORM.register(properties);
        properties.add("lyss.orchestrator.query-side-url", () -> "http://127.0.0.1:" + PORT);
        properties.add("lyss.orchestrator.max-request-bytes", () -> MAX_REQUEST_BYTES);
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
    void aStreamedDifyChatRunsTheWorkflowUsesMemoryAndIsRecordedWithItsTimeline() {
        Tenant tenant = newTenant("dify-mock");

        var first =
                client.post("/v1/chat-messages", tenant.key(), chat("What is the answer?", "streaming", "alice", ""));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/event-stream");
        List<JsonNode> events =
                first.events().stream().map(DifyWorkflowIT::parse).toList();
        assertThat(events.stream().map(DifyWorkflowIT::describe))
                .containsExactly(
                        "workflow_started",
                        "node_started start",
                        "node_finished start",
                        "node_started memory",
                        "node_finished memory",
                        "node_started cache",
                        "node_finished cache",
                        "node_started llm",
                        "message",
                        "message",
                        "message",
                        "message",
                        "message",
                        "message",
                        "node_finished llm",
                        "node_started end",
                        "node_finished end",
                        "workflow_finished",
                        "message_end");
        JsonNode started = events.getFirst();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("task_id").asText())
                    .isEqualTo(started.path("task_id").asText())
                    .isNotBlank();
            assertThat(event.path("conversation_id").asText())
                    .isEqualTo(started.path("conversation_id").asText());
            assertThat(event.path("message_id").asText())
                    .isEqualTo(started.path("message_id").asText());
            assertThat(event.path("created_at").isIntegralNumber()).isTrue();
        });
        assertThat(answerOf(events)).isEqualTo(MockOpenAiServer.ANSWER);
        JsonNode memory = events.get(4).path("data");
        assertThat(memory.path("status").asText()).isEqualTo("succeeded");
        assertThat(memory.at("/outputs/memory_ids/0").asText()).isEqualTo(WorkflowTestPorts.MEMORY.id());
        assertThat(memory.path("elapsed_time").isNumber()).isTrue();
        JsonNode llm = events.get(14).path("data");
        assertThat(llm.path("predecessor_node_id").asText()).isEqualTo("cache");
        assertThat(llm.at("/execution_metadata/total_tokens").asInt())
                .isEqualTo(MockOpenAiServer.PROMPT_TOKENS + MockOpenAiServer.COMPLETION_TOKENS);
        JsonNode finished = events.get(17).path("data");
        assertThat(finished.path("status").asText()).isEqualTo("succeeded");
        assertThat(finished.path("total_steps").asInt()).isEqualTo(5);
        JsonNode usage = events.getLast().at("/metadata/usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(MockOpenAiServer.PROMPT_TOKENS);
        assertThat(usage.path("total_price").asText()).matches("\\d+\\.\\d{7}");
        assertThat(usage.path("currency").asText()).isEqualTo("USD");
        JsonNode sent = upstream.received().getLast().body();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).contains(WorkflowTestPorts.MEMORY.text());

        String conversationId = started.path("conversation_id").asText();
        String messageId = started.path("message_id").asText();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(recorded("WorkflowRunRecorded", messageId)).hasSize(1));
        JsonNode run = recorded("WorkflowRunRecorded", messageId).getFirst();
        assertThat(run.path("runId").asText())
                .isEqualTo(started.path("workflow_run_id").asText());
        assertThat(run.path("api").asText()).isEqualTo("dify");
        assertThat(run.path("nodes").findValuesAsText("nodeType"))
                .containsExactly("start", "memory", "cache", "llm", "end");
        assertThat(run.at("/nodes/1/detail/memoryIds").asText()).isEqualTo(WorkflowTestPorts.MEMORY.id());
        assertThat(run.at("/nodes/3/detail/channelId").asText()).isEqualTo(tenant.channelId());
        assertThat(recorded("TokensSpent", messageId)).hasSize(1);
        assertThat(recorded("TurnCompleted", messageId)
                        .getFirst()
                        .path("conversationId")
                        .asText())
                .isEqualTo(conversationId);
    }

    @Test
    void aFollowUpSendsTheEarlierTurnsAndTheConversationIsReadRenamedRatedAndDeleted() {
        Tenant tenant = newTenant("dify-follow");
        var first = client.post("/v1/chat-messages", tenant.key(), chat("My first question?", "blocking", "bob", ""));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("answer").asText()).isEqualTo(MockOpenAiServer.ANSWER);
        String conversationId = first.json().path("conversation_id").asText();
        String firstMessage = first.json().path("message_id").asText();

        var second = client.post(
                "/v1/chat-messages", tenant.key(), chat("And the second?", "blocking", "bob", conversationId));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("conversation_id").asText()).isEqualTo(conversationId);
        JsonNode sent = upstream.received().getLast().body().path("messages");
        assertThat(sent.findValuesAsText("content"))
                .containsExactly("My first question?", MockOpenAiServer.ANSWER, "And the second?");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stored = internalMessages(tenant, conversationId);
            assertThat(stored.path("data").findValuesAsText("question"))
                    .containsExactly("My first question?", "And the second?");
        });
        var messages = client.get("/v1/messages?conversation_id=" + conversationId + "&user=bob", tenant.key());
        assertThat(messages.json().path("data").findValuesAsText("query"))
                .containsExactly("My first question?", "And the second?");
        var list = client.get("/v1/conversations?user=bob&limit=5", tenant.key());
        assertThat(list.json().at("/data/0/id").asText()).isEqualTo(conversationId);
        assertThat(list.json().at("/data/0/name").asText()).isEqualTo("My first question?");
        assertThat(client.get("/v1/conversations?user=someone-else", tenant.key())
                        .json()
                        .path("data"))
                .isEmpty();

        var renamed = client.post(
                "/v1/conversations/" + conversationId + "/name", tenant.key(), "{\"name\":\"Trip\",\"user\":\"bob\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("Trip");
        var rated = client.post(
                "/v1/messages/" + firstMessage + "/feedbacks", tenant.key(), "{\"rating\":\"like\",\"user\":\"bob\"}");
        assertThat(rated.json().path("result").asText()).isEqualTo("success");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(client.get("/v1/messages?conversation_id=" + conversationId, tenant.key())
                            .json()
                            .at("/data/0/feedback/rating")
                            .asText())
                    .isEqualTo("like");
            assertThat(client.get("/v1/conversations", tenant.key())
                            .json()
                            .at("/data/0/name")
                            .asText())
                    .isEqualTo("Trip");
        });

        var deleted = client.delete("/v1/conversations/" + conversationId, tenant.key());
        assertThat(deleted.json().path("result").asText()).isEqualTo("success");
        assertThat(client.get("/v1/messages?conversation_id=" + conversationId, tenant.key())
                        .status())
                .isEqualTo(404);
        var afterDelete =
                client.post("/v1/chat-messages", tenant.key(), chat("Still there?", "blocking", "bob", conversationId));
        assertThat(afterDelete.status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        internalConversations(tenant).path("data").findValuesAsText("id"))
                .doesNotContain(conversationId));
        assertThat(storedTypes(conversationId))
                .contains("ConversationRenamed", "MessageFeedbackGiven", "ConversationDeleted");
    }

    @Test
    void aCacheHitAnswersWithoutTheProviderAndRecordsWhatItSaved() {
        Tenant tenant = newTenant("dify-cached");
        int callsBefore = upstream.received().size();

        var hit = client.post(
                "/v1/chat-messages", tenant.key(), chat(WorkflowTestPorts.CACHED_QUESTION, "streaming", "carol", ""));

        assertThat(hit.status()).isEqualTo(200);
        List<JsonNode> events = hit.events().stream().map(DifyWorkflowIT::parse).toList();
        assertThat(events.stream().map(DifyWorkflowIT::describe))
                .containsExactly(
                        "workflow_started",
                        "node_started start",
                        "node_finished start",
                        "node_started memory",
                        "node_finished memory",
                        "node_started cache",
                        "message",
                        "node_finished cache",
                        "node_started end",
                        "node_finished end",
                        "workflow_finished",
                        "message_end");
        assertThat(answerOf(events)).isEqualTo(WorkflowTestPorts.CACHED.answer());
        assertThat(events.get(7).at("/data/outputs/kind").asText()).isEqualTo("exact");
        assertThat(events.getLast().at("/metadata/usage/total_price").asText()).isEqualTo("0.0000000");
        assertThat(upstream.received()).hasSize(callsBefore);
        assertThat(WorkflowTestPorts.LOOKUPS.getLast().workspaceId()).isEqualTo(tenant.workspaceId());
        assertThat(WorkflowTestPorts.LOOKUPS.getLast().canonicalRequest()).contains("\"model\":\"dify-cached\"");

        String messageId = events.getFirst().path("message_id").asText();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(recorded("CacheHit", messageId)).hasSize(1));
        JsonNode saved = recorded("CacheHit", messageId).getFirst();
        assertThat(saved.path("sourceTurnId").asText()).isEqualTo("turn_earlier");
        assertThat(saved.path("savedCostMicros").asLong()).isEqualTo(42);
        assertThat(saved.path("savedPromptTokens").asLong()).isEqualTo(11);
        assertThat(recorded("TokensSpent", messageId)).isEmpty();
        JsonNode run = recorded("WorkflowRunRecorded", messageId).getFirst();
        assertThat(run.path("nodes").findValuesAsText("status"))
                .containsExactly("succeeded", "succeeded", "succeeded", "skipped", "succeeded");
    }

    @Test
    void anOpenAiChatRunsTheSameWorkflowAndIsRecordedWithItsTimeline() {
        Tenant tenant = newTenant("openai-flow");
        var answer = client.post(
                "/v1/chat/completions",
                tenant.key(),
                "{\"model\":\"openai-flow\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi?\"}]}");
        assertThat(answer.status()).isEqualTo(200);
        // the answer is the provider's own, relayed as it came; the turn id is in a header
        String turnId = answer.turnId();
        assertThat(turnId).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recorded("WorkflowRunRecorded", turnId))
                .hasSize(1));
        JsonNode run = recorded("WorkflowRunRecorded", turnId).getFirst();
        assertThat(run.path("api").asText()).isEqualTo("openai");
        assertThat(run.path("nodes").findValuesAsText("status"))
                .containsExactly("succeeded", "skipped", "succeeded", "succeeded", "succeeded");
        assertThat(run.path("nodes").findValues("elapsedMicros"))
                .allSatisfy(micros -> assertThat(micros.asLong()).isNotNegative());
    }

    @Test
    void badInputGetsDifyErrorsAndAFailureAfterTheStreamBeganIsAnErrorEvent() throws IOException {
        Tenant tenant = newTenant("dify-guarded");

        assertDifyError(client.post("/v1/chat-messages", null, chat("Hi", "blocking", "u", "")), 401, "unauthorized");
        assertDifyError(client.post("/v1/chat-messages", tenant.key(), "{\"query\": "), 400, "invalid_param");
        assertDifyError(client.post("/v1/chat-messages", tenant.key(), "{\"inputs\":{}}"), 400, "invalid_param");
        assertDifyError(client.post("/v1/chat-messages", tenant.key(), "{\"query\":42}"), 400, "invalid_param");
        assertDifyError(
                client.post("/v1/chat-messages", tenant.key(), "{\"query\":\"Hi\",\"inputs\":\"x\"}"),
                400,
                "invalid_param");
        assertDifyError(
                client.post("/v1/chat-messages", tenant.key(), "{\"query\":\"Hi\",\"response_mode\":\"fast\"}"),
                400,
                "invalid_param");
        assertDifyError(
                client.post("/v1/chat-messages", tenant.key(), "{\"query\":\"Hi\",\"user\":[1]}"),
                400,
                "invalid_param");
        assertDifyError(
                client.post(
                        "/v1/chat-messages",
                        tenant.key(),
                        chat("Hi", "blocking", "u", "00000000-0000-0000-0000-000000000000")),
                404,
                "not_found");
        assertDifyError(
                client.post("/v1/chat-messages", tenant.key(), "{\"query\":\"" + "x".repeat(MAX_REQUEST_BYTES) + "\"}"),
                413,
                "request_too_large");
        assertDifyError(client.get("/v1/messages", tenant.key()), 400, "invalid_param");
        assertDifyError(client.get("/v1/conversations?limit=lots", tenant.key()), 400, "invalid_param");
        assertDifyError(client.get("/v1/conversations?sort_by=name", tenant.key()), 400, "invalid_param");
        assertDifyError(
                client.post("/v1/messages/no-such-message/feedbacks", tenant.key(), "{\"rating\":\"like\"}"),
                404,
                "not_found");
        assertDifyError(
                client.post("/v1/messages/x/feedbacks", tenant.key(), "{\"rating\":\"meh\"}"), 400, "invalid_param");
        assertDifyError(client.post("/v1/conversations/nope/name", tenant.key(), "{\"name\":\"x\"}"), 404, "not_found");
        assertDifyError(client.delete("/v1/conversations/nope", tenant.key()), 404, "not_found");

        try (var broken = new MockOpenAiServer(500)) {
            var channel = client.post(
                    "/admin/v1/workspaces/" + tenant.workspaceId() + "/channels",
                    ADMIN_TOKEN,
                    """
                    {"name":"broken","provider":"openai-compatible","baseUrl":"%s","models":["dify-broken"]}
                    """
                            .formatted(broken.baseUrl()));
            assertThat(channel.status()).isEqualTo(201);
            String request =
                    "{\"query\":\"Hi\",\"response_mode\":\"streaming\",\"inputs\":{\"model\":\"dify-broken\"}}";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var failed = client.post("/v1/chat-messages", tenant.key(), request);
                assertThat(failed.status()).isEqualTo(200);
                assertThat(failed.contentType()).startsWith("text/event-stream");
                JsonNode last = parse(failed.events().getLast());
                assertThat(last.path("event").asText()).isEqualTo("error");
                assertThat(last.path("status").asInt()).isEqualTo(502);
                assertThat(last.path("code").asText()).isEqualTo("completion_request_error");
                assertThat(parse(failed.events().getFirst()).path("event").asText())
                        .isEqualTo("workflow_started");
                assertThat(failed.body()).doesNotContain("Exception", "at io.lyss");
            });
        }
    }

    @Test
    void theOfficialDifyClientWorksUnchanged() throws Exception {
        Tenant tenant = newTenant("dify-sdk");

        JsonNode report = DifyClientRun.against("http://127.0.0.1:" + PORT + "/v1", tenant.key());

        assertThat(report.path("blockingAnswer").asText()).isEqualTo(MockOpenAiServer.ANSWER);
        assertThat(report.path("streamedAnswer").asText()).isEqualTo(MockOpenAiServer.ANSWER);
        List<String> streamed = JSON.convertValue(
                report.path("streamedEvents"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(streamed).startsWith("workflow_started").endsWith("workflow_finished", "message_end");
        assertThat(streamed).contains("node_started", "node_finished", "message");
        assertThat(report.at("/streamedUsage/total_tokens").asInt())
                .isEqualTo(MockOpenAiServer.PROMPT_TOKENS + MockOpenAiServer.COMPLETION_TOKENS);
        assertThat(report.path("messageQueries").toString()).isEqualTo("[\"What is the answer?\",\"And once more?\"]");
        assertThat(report.path("conversationIds").toString())
                .contains(report.path("conversationId").asText());
        assertThat(report.path("renamedTo").asText()).isEqualTo("Renamed by dify-client");
        assertThat(report.path("deleteResult").asText()).isEqualTo("success");
        assertThat(report.at("/afterDelete/status").asInt()).isEqualTo(404);
        assertThat(report.at("/afterDelete/body/code").asText()).isEqualTo("not_found");
        assertThat(report.at("/emptyQuery/status").asInt()).isEqualTo(400);
        assertThat(report.at("/emptyQuery/body/code").asText()).isEqualTo("invalid_param");
    }

    private static void assertDifyError(PlatformClient.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode error = reply.json();
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception");
    }

    private List<JsonNode> recorded(String type, String turnId) {
        return jdbc
                .queryForList(
                        """
                        SELECT convert_from(payload, 'UTF8') FROM lyss_command.domain_event_entry
                        WHERE payload_type LIKE ? AND convert_from(payload, 'UTF8')::jsonb ->> ? = ?
                        """,
                        String.class,
                        "%." + type,
                        switch (type) {
                            case "TokensSpent", "CacheHit" -> "requestId";
                            default -> "turnId";
                        },
                        turnId)
                .stream()
                .map(DifyWorkflowIT::parse)
                .toList();
    }

    private List<String> storedTypes(String conversationId) {
        return jdbc
                .queryForList(
                        "SELECT payload_type FROM lyss_command.domain_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        conversationId)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .collect(Collectors.toList());
    }

    private JsonNode internalConversations(Tenant tenant) {
        return internal(
                "/internal/v1/workspaces/" + tenant.workspaceId() + "/keys/" + tenant.keyId() + "/conversations");
    }

    private JsonNode internalMessages(Tenant tenant, String conversationId) {
        return internal("/internal/v1/workspaces/" + tenant.workspaceId() + "/keys/" + tenant.keyId()
                + "/conversations/" + conversationId + "/messages");
    }

    @Autowired
    io.lyss.security.access.SecurityProperties security;

    private JsonNode internal(String path) {
        return client.get(path, security.internalToken()).json();
    }

    record Tenant(String workspaceId, String channelId, String keyId, String key) {}

    private Tenant newTenant(String model) {
        var workspace = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"dify " + model + "\"}");
        String workspaceId = workspace.json().path("id").asText();
        var channel = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                """
                {"name":"mock","provider":"openai-compatible","baseUrl":"%s","models":["%s"],"apiKey":"sk-test"}
                """
                        .formatted(upstream.baseUrl(), model));
        assertThat(channel.status()).isEqualTo(201);
        var key = client.post("/admin/v1/workspaces/" + workspaceId + "/keys", ADMIN_TOKEN, "{\"name\":\"dify key\"}");
        assertThat(key.status()).isEqualTo(201);
        var tenant = new Tenant(
                workspaceId,
                channel.json().path("id").asText(),
                key.json().path("id").asText(),
                key.json().path("key").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        client.get("/v1/models", tenant.key()).body())
                .contains("\"id\":\"" + model + "\""));
        return tenant;
    }

    private static String chat(String query, String mode, String user, String conversationId) {
        return """
                {"inputs":{},"query":"%s","response_mode":"%s","user":"%s","conversation_id":"%s","files":null}
                """
                .formatted(query, mode, user, conversationId);
    }

    private static String describe(JsonNode event) {
        String name = event.path("event").asText();
        return name.startsWith("node_")
                ? name + " " + event.at("/data/node_type").asText()
                : name;
    }

    private static String answerOf(List<JsonNode> events) {
        return events.stream()
                .filter(event -> event.path("event").asText().equals("message"))
                .map(event -> event.path("answer").asText())
                .collect(Collectors.joining());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
