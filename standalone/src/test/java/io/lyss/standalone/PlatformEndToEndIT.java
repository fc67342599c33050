package io.lyss.standalone;

import static io.lyss.standalone.PlatformUnderTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventTopics;
import io.lyss.infra.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterRegistration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;

/**
 * The walking skeleton end to end, through the real PostgreSQL, Kafka and Elasticsearch started by
 * {@code infra/bin/lyss-infra}, with the provider replaced by a real HTTP server speaking OpenAI's protocol.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class PlatformEndToEndIT {

    private static final PlatformUnderTest PLATFORM = new PlatformUnderTest();
    private static final LocalInfrastructure INFRA = PlatformUnderTest.INFRA;
    private static final int PORT = PLATFORM.port;
    private static final String ADMIN_TOKEN = PLATFORM.adminToken;
    private static final String UPSTREAM_SECRET = "sk-upstream-" + random(24);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MockOpenAiServer upstream;

    private final PlatformClient client = new PlatformClient(PORT);

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ObjectMapper applicationJson;

    @Autowired
    private ElasticsearchClient elasticsearch;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private WebApplicationContext web;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        PLATFORM.register(properties);
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
    void theApplicationsJsonMapperRecyclesBuffersAcrossTheRequestsVirtualThreads() {
        assertThat(applicationJson.getFactory()._getRecyclerPool())
                .as("Jackson's per-thread default allocates new buffers on every virtual thread")
                .isInstanceOf(JsonRecyclerPools.ConcurrentDequePool.class);
    }

    @Test
    void theGatewaysRequestsAreMeasuredByTheirEventsAndTheAdminApisByHttpTimers() {
        Tenant tenant = newTenant("mock-timed");
        assertThat(client.post("/v1/chat/completions", tenant.key(), chat("mock-timed", false))
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/v1/models", tenant.key()).status()).isEqualTo(200);

        Set<String> timedPaths = meters.find("http.server.requests").timers().stream()
                .map(timer -> timer.getId().getTag("uri"))
                .collect(Collectors.toSet());
        assertThat(timedPaths).contains("/admin/v1/workspaces");
        assertThat(timedPaths).noneMatch(path -> path.startsWith("/v1/"));
    }

    @Test
    void requestsPassOnlyTheServletFiltersSomethingNeeds() {
        List<String> filters = web.getServletContext().getFilterRegistrations().values().stream()
                .map(FilterRegistration::getClassName)
                .toList();
        assertThat(filters).anyMatch(filter -> filter.endsWith("CharacterEncodingFilter"));
        assertThat(filters)
                .as("nothing runs before the dispatcher servlet that needs the request context, nor reads forms")
                .noneMatch(filter -> filter.endsWith("RequestContextFilter") || filter.endsWith("FormContentFilter"));
    }

    @Test
    void elasticsearchRequestBodiesGoOutAsOneBuffer() {
        assertThat(elasticsearch._transport().getClass().getSimpleName())
                .as("Boot's transport sends a bulk request's lines as a chunk each")
                .isEqualTo("JoinedBodiesTransport");
    }

    @Test
    void aChatThroughAVirtualKeyIsAnsweredStreamedRecordedRelayedAndReported(CapturedOutput logs) {
        Tenant tenant = newTenant("mock-gpt");

        var blocking = client.post("/v1/chat/completions", tenant.key(), chat("mock-gpt", false));
        assertThat(blocking.status()).isEqualTo(200);
        assertThat(blocking.json().at("/choices/0/message/content").asText()).isEqualTo(MockOpenAiServer.ANSWER);
        assertThat(blocking.json().at("/usage/prompt_tokens").asInt()).isEqualTo(MockOpenAiServer.PROMPT_TOKENS);

        var streamed = client.post("/v1/chat/completions", tenant.key(), chat("mock-gpt", true));
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.contentType()).startsWith("text/event-stream");
        assertStreamCarriesTheAnswerThenUsageThenDone(streamed.events());

        var sentUpstream = upstream.received().getLast();
        assertThat(sentUpstream.authorization()).isEqualTo("Bearer " + UPSTREAM_SECRET);
        assertThat(sentUpstream.body().path("model").asText()).isEqualTo("mock-gpt");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode usage = client.get(usagePath(tenant), ADMIN_TOKEN).json();
            assertThat(usage.at("/totals/requests").asLong()).isEqualTo(2);
            assertThat(usage.at("/totals/promptTokens").asLong()).isEqualTo(2L * MockOpenAiServer.PROMPT_TOKENS);
            assertThat(usage.at("/totals/completionTokens").asLong())
                    .isEqualTo(2L * MockOpenAiServer.COMPLETION_TOKENS);
            assertThat(usage.at("/rows/0/keyId").asText()).isEqualTo(tenant.keyId());
        });

        assertThat(storedEventTypes(tenant))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "WorkspaceCreated",
                        1L,
                        "ChannelAdded",
                        1L,
                        "ApiKeyIssued",
                        1L,
                        "ConversationStarted",
                        2L,
                        "TurnCompleted",
                        2L,
                        "TokensSpent",
                        2L,
                        "WorkflowRunRecorded",
                        2L));
        assertEachConversationIsOnKafkaInOrder(tenant);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode turns = client.get("/admin/v1/workspaces/" + tenant.workspaceId() + "/turns?q=forty", ADMIN_TOKEN)
                    .json();
            assertThat(turns.path("turns")).hasSize(2);
            assertThat(turns.at("/turns/0/answer").asText()).isEqualTo(MockOpenAiServer.ANSWER);
        });

        assertSecretsAppearNowhere(tenant, logs);
    }

    @Test
    void anAnthropicChannelAnswersThroughTheOpenAiApi() throws IOException {
        Tenant tenant = newTenant("mock-unused");
        try (var anthropic = new MockAnthropicServer()) {
            var channel = client.post(
                    "/admin/v1/workspaces/" + tenant.workspaceId() + "/channels",
                    ADMIN_TOKEN,
                    """
                    {"name":"claude","provider":"anthropic","baseUrl":"%s","models":["claude-mock"],"apiKey":"%s"}
                    """
                            .formatted(anthropic.baseUrl(), UPSTREAM_SECRET));
            assertThat(channel.status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            client.get("/v1/models", tenant.key()).body())
                    .contains("claude-mock"));

            var streamed = client.post("/v1/chat/completions", tenant.key(), chat("claude-mock", true));

            assertThat(streamed.status()).isEqualTo(200);
            String content = streamed.events().stream()
                    .filter(event -> !event.equals("[DONE]"))
                    .map(event -> parse(event).at("/choices/0/delta/content").asText(""))
                    .collect(Collectors.joining());
            assertThat(content).isEqualTo(MockAnthropicServer.ANSWER);
            JsonNode usage =
                    parse(streamed.events().get(streamed.events().size() - 2)).path("usage");
            assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(MockAnthropicServer.INPUT_TOKENS);
            assertThat(usage.path("completion_tokens").asInt()).isEqualTo(MockAnthropicServer.OUTPUT_TOKENS);
            var sent = anthropic.received().getLast();
            assertThat(sent.apiKey()).isEqualTo(UPSTREAM_SECRET);
            assertThat(sent.version()).isNotBlank();
            assertThat(sent.body().path("model").asText()).isEqualTo("claude-mock");
            assertThat(sent.body().path("system").toString()).contains("Be brief.");
        }
    }

    @Test
    void aFailingChannelFallsBackToTheNextPriorityTier() throws IOException {
        Tenant tenant = newTenant("mock-fallback");
        try (var broken = new MockOpenAiServer(500)) {
            var preferred = client.post(
                    "/admin/v1/workspaces/" + tenant.workspaceId() + "/channels",
                    ADMIN_TOKEN,
                    """
                    {"name":"broken","provider":"openai-compatible","baseUrl":"%s","models":["mock-fallback"],"priority":10}
                    """
                            .formatted(broken.baseUrl()));
            assertThat(preferred.status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var answer = client.post("/v1/chat/completions", tenant.key(), chat("mock-fallback", true));
                assertThat(broken.received()).isNotEmpty();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.events().getLast()).isEqualTo("[DONE]");
                assertThat(answer.body()).doesNotContain("\"error\"");
            });
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode usage = client.get(usagePath(tenant), ADMIN_TOKEN).json();
            assertThat(usage.at("/rows/0/channelId").asText()).isEqualTo(tenant.channelId());
        });
    }

    @Test
    void badKeysAndBadRequestsGetOpenAiErrors() {
        Tenant tenant = newTenant("mock-guarded");

        var missing = client.post("/v1/chat/completions", null, chat("mock-guarded", false));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
        var wrong = client.post("/v1/chat/completions", "lyss-sk-" + random(43), chat("mock-guarded", false));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/error/type").asText()).isEqualTo("invalid_request_error");

        var malformed = client.post("/v1/chat/completions", tenant.key(), "{\"model\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/error/message").asText()).contains("not valid JSON");
        var noMessages =
                client.post("/v1/chat/completions", tenant.key(), "{\"model\":\"mock-guarded\",\"messages\":[]}");
        assertThat(noMessages.status()).isEqualTo(400);
        assertThat(noMessages.json().at("/error/param").asText()).isEqualTo("messages");
        var unknownModel = client.post("/v1/chat/completions", tenant.key(), chat("no-such-model", false));
        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.json().at("/error/code").asText()).isEqualTo("model_not_found");

        var revoke =
                client.delete("/admin/v1/workspaces/" + tenant.workspaceId() + "/keys/" + tenant.keyId(), ADMIN_TOKEN);
        assertThat(revoke.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        client.post("/v1/chat/completions", tenant.key(), chat("mock-guarded", false))
                                .status())
                .isEqualTo(401));
    }

    @Test
    void theAdminApiRefusesCallersWithoutTheAdminTokenAndExplainsBadInput() {
        var anonymous = client.post("/admin/v1/workspaces", null, "{\"name\":\"x\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        var blankName = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"\"}");
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(blankName.contentType()).startsWith("application/problem+json");

        String workspaceId = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"bad input\"}")
                .json()
                .path("id")
                .asText();
        var badProvider = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                "{\"name\":\"c\",\"provider\":\"carrier-pigeon\",\"baseUrl\":\"http://x\",\"models\":[\"m\"]}");
        assertThat(badProvider.status()).isEqualTo(400);
        assertThat(badProvider.json().path("detail").asText()).contains("provider must be one of");
        var unknownWorkspace = client.post(
                "/admin/v1/workspaces/ws_00000000000000000000000000000000/keys", ADMIN_TOKEN, "{\"name\":\"k\"}");
        assertThat(unknownWorkspace.status()).isEqualTo(404);
    }

    @Test
    void eventsRecordedWhileKafkaIsDownAreRelayedWhenItReturns() {
        Tenant tenant = newTenant("mock-resilient");
        INFRA.stop("kafka");
        try {
            var answer = client.post("/v1/chat/completions", tenant.key(), chat("mock-resilient", false));
            assertThat(answer.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> storedEventTypes(tenant).getOrDefault("TokensSpent", 0L) == 1L);
            assertThat(client.get(usagePath(tenant), ADMIN_TOKEN)
                            .json()
                            .at("/totals/requests")
                            .asLong())
                    .isZero();
        } finally {
            INFRA.start("kafka");
        }
        await().atMost(Duration.ofSeconds(150))
                .untilAsserted(() -> assertThat(client.get(usagePath(tenant), ADMIN_TOKEN)
                                .json()
                                .at("/totals/requests")
                                .asLong())
                        .isEqualTo(1));
    }

    /**
     * Storing, relaying and projecting events yields the CPU to the requests being answered (ADR 0036): each thread
     * doing it runs at the lowest priority, which {@code ./lyss up} maps to the operating system's (ADR 0037).
     */
    @Test
    void backgroundWorkRunsAtTheLowestPriority() {
        Tenant tenant = newTenant("mock-background");
        assertThat(client.post("/v1/chat/completions", tenant.key(), chat("mock-background", false))
                        .status())
                .isEqualTo(200);
        List<String> background = List.of(
                "lyss-turn-recorder",
                "lyss-turn-store",
                "kafka-relay",
                "lyss-projection-",
                "lyss-answer-cache-feed",
                "audit-chain");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Integer> priorities = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> background.stream().anyMatch(thread.getName()::startsWith))
                    .collect(Collectors.toMap(Thread::getName, Thread::getPriority, (first, second) -> first));
            assertThat(background)
                    .allMatch(prefix -> priorities.keySet().stream().anyMatch(name -> name.startsWith(prefix)));
            assertThat(priorities)
                    .allSatisfy(
                            (name, priority) -> assertThat(priority).as(name).isEqualTo(Thread.MIN_PRIORITY));
        });
        assertThat(Thread.getAllStackTraces().keySet())
                .as("no thread reads events ahead for the relay: a relay held up by Kafka kept them all in memory")
                .noneMatch(thread -> thread.getName().startsWith("EmbeddedEventStore"));
    }

    private record Tenant(String workspaceId, String channelId, String keyId, String key) {}

    private Tenant newTenant(String model) {
        var workspace = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"it " + model + "\"}");
        assertThat(workspace.status()).isEqualTo(201);
        String workspaceId = workspace.json().path("id").asText();
        var channel = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                """
                {"name":"mock","provider":"openai-compatible","baseUrl":"%s","models":["%s"],"apiKey":"%s"}
                """
                        .formatted(upstream.baseUrl(), model, UPSTREAM_SECRET));
        assertThat(channel.status()).isEqualTo(201);
        assertThat(channel.body()).doesNotContain(UPSTREAM_SECRET);
        var key = client.post("/admin/v1/workspaces/" + workspaceId + "/keys", ADMIN_TOKEN, "{\"name\":\"it key\"}");
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

    /** Each call asks something new (a nonce in the system message), so that no answer comes from the cache. */
    private static String chat(String model, boolean stream) {
        return """
                {"model":"%s","stream":%s,"stream_options":%s,
                 "messages":[{"role":"system","content":"Be brief. (%s)"},{"role":"user","content":"What is the answer?"}]}
                """
                .formatted(model, stream, stream ? "{\"include_usage\":true}" : "null", random(8));
    }

    private static void assertStreamCarriesTheAnswerThenUsageThenDone(List<String> events) {
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(PlatformEndToEndIT::parse)
                .toList();
        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.stream().map(chunk -> chunk.path("id").asText()).distinct())
                .hasSize(1);
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        String content = chunks.stream()
                .map(chunk -> chunk.at("/choices/0/delta/content").asText(""))
                .collect(Collectors.joining());
        assertThat(content).isEqualTo(MockOpenAiServer.ANSWER);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asInt())
                .isEqualTo(MockOpenAiServer.PROMPT_TOKENS + MockOpenAiServer.COMPLETION_TOKENS);
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(chunk -> assertThat(chunk.path("usage").isNull()).isTrue());
    }

    private Map<String, Long> storedEventTypes(Tenant tenant) {
        return jdbc
                .queryForList(
                        """
                        SELECT payload_type FROM lyss_command.domain_event_entry
                        WHERE convert_from(payload, 'UTF8')::jsonb ->> 'workspaceId' = ?
                        """,
                        String.class,
                        tenant.workspaceId())
                .stream()
                .collect(Collectors.groupingBy(
                        type -> type.substring(type.lastIndexOf('.') + 1), Collectors.counting()));
    }

    private void assertEachConversationIsOnKafkaInOrder(Tenant tenant) {
        Set<String> conversations = Set.copyOf(jdbc.queryForList(
                """
                SELECT aggregate_identifier FROM lyss_command.domain_event_entry
                WHERE payload_type LIKE '%.ConversationStarted'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'workspaceId' = ?
                """,
                String.class, tenant.workspaceId()));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            records.clear();
            records.addAll(readWholeTopic().stream()
                    .filter(r -> conversations.contains(r.key()))
                    .toList());
            assertThat(records).hasSize(4 * conversations.size());
        });
        for (String conversation : conversations) {
            List<EventEnvelope> envelopes = records.stream()
                    .filter(record -> record.key().equals(conversation))
                    .map(record -> {
                        assertThat(record.headers().lastHeader(EventEnvelope.HEADER_EVENT_ID))
                                .isNotNull();
                        assertThat(record.headers().lastHeader(EventEnvelope.HEADER_GLOBAL_INDEX))
                                .isNotNull();
                        return new io.lyss.events.EventReader().envelope(record.value());
                    })
                    .toList();
            assertThat(envelopes)
                    .extracting(EventEnvelope::type)
                    .containsExactly(
                            "conversation.ConversationStarted",
                            "conversation.TurnCompleted",
                            "usage.TokensSpent",
                            "workflow.WorkflowRunRecorded");
            assertThat(envelopes).extracting(EventEnvelope::aggregateSequence).containsExactly(0L, 1L, 2L, 3L);
            assertThat(envelopes).allSatisfy(envelope -> {
                assertThat(envelope.workspaceId()).isEqualTo(tenant.workspaceId());
                assertThat(envelope.actor()).isEqualTo("API_KEY:" + tenant.keyId());
            });
        }
    }

    private void assertSecretsAppearNowhere(Tenant tenant, CapturedOutput logs) {
        for (String secret : List.of(UPSTREAM_SECRET, tenant.key())) {
            Long inStore = jdbc.queryForObject(
                    """
                    SELECT count(*) FROM lyss_command.domain_event_entry
                    WHERE position(? IN convert_from(payload, 'UTF8')) > 0
                       OR position(? IN convert_from(coalesce(meta_data, ''::bytea), 'UTF8')) > 0
                    """,
                    Long.class,
                    secret,
                    secret);
            assertThat(inStore).as("event store").isZero();
            assertThat(readWholeTopic())
                    .as("Kafka topic")
                    .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(secret));
            assertThat(logs.getAll()).as("logs").doesNotContain(secret);
        }
        assertThat(client.get(usagePath(tenant), ADMIN_TOKEN).body()).doesNotContain(UPSTREAM_SECRET, tenant.key());
    }

    private static List<ConsumerRecord<String, byte[]>> readWholeTopic() {
        try (var consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(EventTopics.EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static String usagePath(Tenant tenant) {
        return "/admin/v1/workspaces/" + tenant.workspaceId() + "/usage?keyId=" + tenant.keyId();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
