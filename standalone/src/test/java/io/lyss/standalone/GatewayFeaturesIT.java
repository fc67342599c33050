package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.TokenEstimator;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.routing.CircuitBreakers;
import io.lyss.security.keys.VirtualKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's later features through the running platform, against the real PostgreSQL, Kafka and Elasticsearch
 * and real HTTP servers speaking OpenAI's and Anthropic's protocols: embeddings spend and quotas, the semantic
 * cache switched on per key, tools through an Anthropic channel, and circuit state shared with a second
 * orchestrator instance (an orchestrator-only context on the same Kafka and command side).
 */
class GatewayFeaturesIT extends GovernancePlatform {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CIRCUIT_OPEN_FOR = Duration.ofSeconds(10);
    private static final int PORT_B = PlatformUnderTest.freePort();
    private static ConfigurableApplicationContext instanceB;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private GovernanceView governance;

    @Autowired
    private PriceTable prices;

    @Autowired
    private CircuitBreakers breakersA;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void routing(DynamicPropertyRegistry properties) {
        properties.add("lyss.orchestrator.routing.circuit-failure-threshold", () -> "2");
        properties.add("lyss.orchestrator.routing.circuit-open-for", () -> CIRCUIT_OPEN_FOR.toSeconds() + "s");
        properties.add("lyss.quota.instance-id", () -> "instance-a");
    }

    @BeforeAll
    static void startInstanceB() {
        instanceB = new SpringApplicationBuilder(OrchestratorOnly.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=" + PORT_B,
                        "--lyss.orchestrator.kafka-bootstrap-servers="
                                + PlatformUnderTest.INFRA.kafkaBootstrapServers(),
                        "--lyss.orchestrator.command-side-url=http://127.0.0.1:" + PLATFORM.port,
                        "--lyss.security.master-key=" + PLATFORM.masterKey,
                        "--lyss.security.previous-master-keys=" + PLATFORM.previousMasterKey,
                        "--lyss.security.admin-token=" + PLATFORM.adminToken,
                        "--lyss.security.internal-token=" + PLATFORM.internalToken,
                        "--lyss.memory.enabled=false",
                        "--lyss.quota.instance-id=instance-b",
                        "--lyss.orchestrator.routing.circuit-failure-threshold=2",
                        "--lyss.orchestrator.routing.circuit-open-for=" + CIRCUIT_OPEN_FOR.toSeconds() + "s");
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    void everyEmbeddingsRequestIsRecordedAsSpendAndAppearsInTheUsageReport() throws Exception {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-embed", "sk-embed");

        var reported =
                post(PLATFORM.port, "/v1/embeddings", tenant.key(), "{\"model\":\"mock-embed\",\"input\":\"hello\"}");
        String input = "an input whose tokens Lyss must count itself";
        var estimated = post(
                PLATFORM.port,
                "/v1/embeddings",
                tenant.key(),
                "{\"model\":\"mock-embed\",\"input\":[\"%s\"],\"user\":\"%s\"}"
                        .formatted(input, MockOpenAiServer.OMIT_USAGE));

        assertThat(reported.statusCode()).isEqualTo(200);
        assertThat(estimated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(reported.body()).at("/data/0/embedding").size())
                .isEqualTo(3);
        long estimate = new TokenEstimator().text(input);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode spent = spend(requestId(reported));
            assertThat(spent.path("reason").asText()).isEqualTo("EMBEDDING");
            assertThat(spent.path("promptTokens").asLong()).isEqualTo(MockOpenAiServer.EMBEDDING_TOKENS);
            assertThat(spent.path("completionTokens").asLong()).isZero();
            assertThat(spent.path("estimated").asBoolean()).isFalse();
            assertThat(spent.path("keyId").asText()).isEqualTo(tenant.keyId());
            assertThat(spent.path("channelId").asText()).isEqualTo(tenant.channelId());
            assertThat(spent.path("priceVersion").asText()).isEqualTo(prices.version());
            assertThat(spent.path("costMicros").asLong())
                    .isEqualTo(prices.costMicros(
                            "mock-embed", new TokenCounts(MockOpenAiServer.EMBEDDING_TOKENS, 0, 0, false)));
            JsonNode counted = spend(requestId(estimated));
            assertThat(counted.path("promptTokens").asLong()).isEqualTo(estimate);
            assertThat(counted.path("estimated").asBoolean()).isTrue();
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode usage = client.get("/admin/v1/workspaces/" + tenant.workspaceId() + "/usage", PLATFORM.adminToken)
                    .json();
            assertThat(usage.at("/totals/requests").asLong()).isEqualTo(2);
            assertThat(usage.at("/totals/promptTokens").asLong())
                    .isEqualTo(MockOpenAiServer.EMBEDDING_TOKENS + estimate);
        });
    }

    @Test
    void embeddingsAreRefusedByBudgetsAndRateLimitsBeforeAnyUpstreamCall() throws Exception {
        var poor = calls.tenant(upstream.baseUrl(), "mock-embed-poor", "sk-embed");
        var budget = client.post(
                "/admin/v1/workspaces/" + poor.workspaceId() + "/budgets",
                PLATFORM.adminToken,
                "{\"scope\":\"workspace\",\"tokenLimit\":5}");
        assertThat(budget.status()).isEqualTo(201);
        var limited = calls.tenant(upstream.baseUrl(), "mock-embed-limited", "sk-embed");
        var limit = client.post(
                "/admin/v1/workspaces/" + limited.workspaceId() + "/rate-limits",
                PLATFORM.adminToken,
                "{\"scope\":\"key\",\"scopeId\":\"%s\",\"requestsPerMinute\":1}".formatted(limited.keyId()));
        assertThat(limit.status()).isEqualTo(201);
        awaitQuotaKnown(poor.workspaceId(), "budget");
        awaitQuotaKnown(limited.keyId(), "rateLimit");
        // the two limited calls must fall within one UTC minute
        await().atMost(Duration.ofSeconds(61))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() % 60 < 45);

        var refusedByBudget = post(
                PLATFORM.port,
                "/v1/embeddings",
                poor.key(),
                "{\"model\":\"mock-embed-poor\",\"input\":\"hello there\"}");
        var first = post(
                PLATFORM.port, "/v1/embeddings", limited.key(), "{\"model\":\"mock-embed-limited\",\"input\":\"a\"}");
        var second = post(
                PLATFORM.port, "/v1/embeddings", limited.key(), "{\"model\":\"mock-embed-limited\",\"input\":\"b\"}");

        assertThat(refusedByBudget.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(refusedByBudget.body()).at("/error/code").asText())
                .isEqualTo("insufficient_quota");
        assertThat(refusedByBudget.headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(second.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(upstreamCallsFor("mock-embed-poor"))
                .as("never reached the provider")
                .isZero();
        assertThat(upstreamCallsFor("mock-embed-limited")).isEqualTo(1);
    }

    @Test
    void aKeyWithTheSemanticCacheOnIsAnsweredFromASimilarQuestionUnlessTheRequestSaysOff() throws Exception {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-semantic", "sk-semantic");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String adminId =
                calls.user(PLATFORM.adminToken, tenant.workspaceId(), "cache-admin-" + suffix, "pw-cache-1", "ADMIN");
        String adminToken = calls.token("cache-admin-" + suffix, "pw-cache-1");
        String other = calls.key(PLATFORM.adminToken, tenant.workspaceId(), "{\"name\":\"plain\"}")
                .path("key")
                .asText();

        var changed = client.put(
                "/admin/v1/workspaces/" + tenant.workspaceId() + "/keys/" + tenant.keyId() + "/cache",
                adminToken,
                "{\"semantic\":true}");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(client.put(
                                "/admin/v1/workspaces/" + tenant.workspaceId() + "/keys/" + tenant.keyId() + "/cache",
                                adminToken,
                                "{\"semantic\":\"yes\"}")
                        .status())
                .isEqualTo(400);
        assertThat(actorOfLast("ApiKeySemanticCacheChanged", tenant.keyId())).isEqualTo("USER:" + adminId);
        assertThat(semanticCacheListed(tenant.workspaceId(), adminToken))
                .as("the key listing shows each key's setting")
                .containsEntry(tenant.keyId(), true)
                .containsValue(false)
                .hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> governance
                .grantFor(VirtualKeys.hash(tenant.key()))
                .orElseThrow()
                .semanticCache());
        String asked = chatBody("mock-semantic", "What is the capital of France?");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> post(PLATFORM.port, "/v1/chat/completions", tenant.key(), asked)
                        .headers()
                        .firstValue("X-Lyss-Cache")
                        .isPresent());
        long upstreamCalls = upstreamCallsFor("mock-semantic");

        // the same words, spaced differently: another exact-cache key, the same embedding
        String similar = chatBody("mock-semantic", "What  is the capital of France?");
        var hit = post(PLATFORM.port, "/v1/chat/completions", tenant.key(), similar);
        var bypassed =
                post(PLATFORM.port, "/v1/chat/completions", tenant.key(), similar, Map.of("X-Lyss-Cache", "off"));
        var plainKey = post(
                PLATFORM.port,
                "/v1/chat/completions",
                other,
                chatBody("mock-semantic", "What is  the capital of France?"));

        assertThat(hit.headers().firstValue("X-Lyss-Cache")).hasValue("hit-semantic");
        assertThat(JSON.readTree(hit.body()).at("/choices/0/message/content").asText())
                .isEqualTo(MockOpenAiServer.ANSWER);
        assertThat(bypassed.statusCode()).isEqualTo(200);
        assertThat(bypassed.headers().firstValue("X-Lyss-Cache")).isEmpty();
        assertThat(plainKey.headers().firstValue("X-Lyss-Cache"))
                .as("a key without the setting gets no semantic match")
                .isEmpty();
        assertThat(upstreamCallsFor("mock-semantic")).isEqualTo(upstreamCalls + 2);

        var off = client.put(
                "/admin/v1/workspaces/" + tenant.workspaceId() + "/keys/" + tenant.keyId() + "/cache",
                adminToken,
                "{\"semantic\":false}");
        assertThat(off.status()).isEqualTo(204);
        assertThat(semanticCacheListed(tenant.workspaceId(), adminToken))
                .containsEntry(tenant.keyId(), false)
                .doesNotContainValue(true);
        String listing = client.get("/admin/v1/workspaces/" + tenant.workspaceId() + "/keys", adminToken)
                .body();
        assertThat(listing).doesNotContain(tenant.key()).doesNotContain(other);
    }

    /** The key listing's {@code semanticCache} per key id. */
    private Map<String, Boolean> semanticCacheListed(String workspaceId, String token) {
        JsonNode keys = client.get("/admin/v1/workspaces/" + workspaceId + "/keys", token)
                .json();
        return stream(keys).collect(Collectors.toMap(key -> key.path("keyId").asText(), key -> {
            assertThat(key.path("semanticCache").isBoolean()).as(key.toString()).isTrue();
            return key.path("semanticCache").asBoolean();
        }));
    }

    @Test
    void toolsWorkThroughAnAnthropicChannelBlockingAndStreamed() throws Exception {
        String ws = calls.workspace("tools");
        try (var anthropic = new MockAnthropicServer()) {
            String key = keyForAnthropicChannel(ws, anthropic, "claude-tools");

            var blocking = post(PLATFORM.port, "/v1/chat/completions", key, toolRequest(false, "\"auto\""));

            assertThat(blocking.statusCode()).as(blocking.body()).isEqualTo(200);
            JsonNode choice = JSON.readTree(blocking.body()).at("/choices/0");
            assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(choice.at("/message/content").asText()).isEqualTo(MockAnthropicServer.TOOL_PREAMBLE);
            JsonNode call = choice.at("/message/tool_calls/0");
            assertThat(call.path("id").asText()).isEqualTo(MockAnthropicServer.TOOL_USE_ID);
            assertThat(call.path("type").asText()).isEqualTo("function");
            assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
            assertThat(JSON.readTree(call.at("/function/arguments").asText()))
                    .isEqualTo(JSON.readTree(MockAnthropicServer.TOOL_INPUT));
            JsonNode sent = anthropic.received().getLast().body();
            assertThat(sent.at("/tools/0/name").asText()).isEqualTo("get_weather");
            assertThat(sent.at("/tools/0/description").asText()).isEqualTo("Current weather of a city");
            assertThat(sent.at("/tools/0/input_schema/properties/city/type").asText())
                    .isEqualTo("string");
            assertThat(sent.at("/tools/0/input_schema/required/0").asText()).isEqualTo("city");
            assertThat(sent.at("/tool_choice/type").asText()).isEqualTo("auto");

            var streamed = post(PLATFORM.port, "/v1/chat/completions", key, toolRequest(true, "\"required\""));

            assertThat(streamed.statusCode()).isEqualTo(200);
            List<JsonNode> chunks = chunks(streamed.body());
            List<JsonNode> deltas = chunks.stream()
                    .flatMap(chunk -> stream(chunk.at("/choices/0/delta/tool_calls")))
                    .toList();
            assertThat(deltas).hasSizeGreaterThanOrEqualTo(1 + MockAnthropicServer.TOOL_INPUT_PIECES.size());
            assertThat(deltas.getFirst().path("id").asText()).isEqualTo(MockAnthropicServer.TOOL_USE_ID);
            assertThat(deltas.getFirst().at("/function/name").asText()).isEqualTo("get_weather");
            assertThat(deltas)
                    .allSatisfy(delta -> assertThat(delta.path("index").asInt()).isZero());
            assertThat(deltas.stream()
                            .map(d -> d.at("/function/arguments").asText())
                            .collect(Collectors.joining()))
                    .isEqualTo(MockAnthropicServer.TOOL_INPUT);
            assertThat(chunks.stream()
                            .map(chunk -> chunk.at("/choices/0/finish_reason").asText(""))
                            .filter(reason -> !reason.isEmpty()))
                    .containsExactly("tool_calls");
            JsonNode usage = chunks.getLast().path("usage");
            assertThat(usage.path("completion_tokens").asInt()).isEqualTo(MockAnthropicServer.TOOL_OUTPUT_TOKENS);
            assertThat(anthropic
                            .received()
                            .getLast()
                            .body()
                            .at("/tool_choice/type")
                            .asText())
                    .isEqualTo("any");

            var answered = post(PLATFORM.port, "/v1/chat/completions", key, toolResultRequest());

            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(JSON.readTree(answered.body())
                            .at("/choices/0/message/content")
                            .asText())
                    .isEqualTo(MockAnthropicServer.ANSWER);
            JsonNode followUp = anthropic.received().getLast().body();
            assertThat(followUp.at("/tool_choice/type").asText()).isEqualTo("tool");
            assertThat(followUp.at("/tool_choice/name").asText()).isEqualTo("get_weather");
            JsonNode assistant = followUp.at("/messages/1/content");
            assertThat(stream(assistant)
                            .filter(block -> block.path("type").asText().equals("tool_use")))
                    .singleElement()
                    .satisfies(block -> {
                        assertThat(block.path("id").asText()).isEqualTo("call_1");
                        assertThat(block.at("/input/city").asText()).isEqualTo("Paris");
                    });
            assertThat(followUp.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
            assertThat(followUp.at("/messages/2/content/0/tool_use_id").asText())
                    .isEqualTo("call_1");
            assertThat(followUp.at("/messages/2/content/0").toString()).contains("18 degrees");
        }
    }

    @Test
    void legacyFunctionsWorkThroughAnAnthropicChannelAndComeBackAsAFunctionCall() throws Exception {
        String ws = calls.workspace("functions");
        try (var anthropic = new MockAnthropicServer()) {
            String key = keyForAnthropicChannel(ws, anthropic, "claude-functions");

            var blocking = post(PLATFORM.port, "/v1/chat/completions", key, functionRequest(false, null));

            assertThat(blocking.statusCode()).as(blocking.body()).isEqualTo(200);
            JsonNode choice = JSON.readTree(blocking.body()).at("/choices/0");
            assertThat(choice.path("finish_reason").asText()).isEqualTo("function_call");
            JsonNode message = choice.path("message");
            assertThat(message.path("role").asText()).isEqualTo("assistant");
            assertThat(message.path("content").asText()).isEqualTo(MockAnthropicServer.TOOL_PREAMBLE);
            assertThat(message.has("tool_calls")).isFalse();
            assertThat(message.at("/function_call/name").asText()).isEqualTo("get_weather");
            assertThat(message.at("/function_call/arguments").asText()).isEqualTo(MockAnthropicServer.TOOL_INPUT);
            assertThat(message.path("function_call").size()).isEqualTo(2);
            assertThat(withoutModelAndLimits(anthropic.received().getLast().body()))
                    .isEqualTo(
                            JSON.readTree(
                                    """
                            {"messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]}],
                             "stream":true,
                             "tools":[{"name":"get_weather","description":"Current weather of a city",
                               "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                             "tool_choice":{"type":"auto","disable_parallel_tool_use":true}}
                            """));

            var streamed = post(
                    PLATFORM.port, "/v1/chat/completions", key, functionRequest(true, "{\"name\":\"get_weather\"}"));

            assertThat(streamed.statusCode()).isEqualTo(200);
            List<JsonNode> chunks = chunks(streamed.body());
            assertThat(chunks)
                    .allSatisfy(chunk -> assertThat(chunk.at("/choices/0/delta").has("tool_calls"))
                            .isFalse());
            List<JsonNode> pieces = chunks.stream()
                    .map(chunk -> chunk.at("/choices/0/delta/function_call"))
                    .filter(JsonNode::isObject)
                    .toList();
            assertThat(pieces).hasSize(1 + MockAnthropicServer.TOOL_INPUT_PIECES.size());
            assertThat(pieces.getFirst()).isEqualTo(JSON.readTree("{\"name\":\"get_weather\",\"arguments\":\"\"}"));
            assertThat(pieces.stream().skip(1).map(piece -> piece.path("arguments")
                            .asText()))
                    .containsExactlyElementsOf(MockAnthropicServer.TOOL_INPUT_PIECES);
            assertThat(pieces.stream().skip(1))
                    .allSatisfy(piece -> assertThat(piece.has("name")).isFalse());
            assertThat(chunks.stream()
                            .map(chunk -> chunk.at("/choices/0/finish_reason").asText(""))
                            .filter(reason -> !reason.isEmpty()))
                    .containsExactly("function_call");
            assertThat(anthropic.received().getLast().body().path("tool_choice"))
                    .isEqualTo(JSON.readTree(
                            "{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}"));

            var answered = post(PLATFORM.port, "/v1/chat/completions", key, functionResultRequest());

            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            JsonNode reply = JSON.readTree(answered.body()).at("/choices/0");
            assertThat(reply.at("/message/content").asText()).isEqualTo(MockAnthropicServer.ANSWER);
            assertThat(reply.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(withoutModelAndLimits(anthropic.received().getLast().body()))
                    .isEqualTo(
                            JSON.readTree(
                                    """
                            {"messages":[
                               {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
                               {"role":"assistant","content":[
                                 {"type":"tool_use","id":"call_fn_1","name":"get_weather","input":{"city":"Paris"}}]},
                               {"role":"user","content":[
                                 {"type":"tool_result","tool_use_id":"call_fn_1","content":"18 degrees and sunny"}]},
                               {"role":"assistant","content":[{"type":"text","text":"And Lyon?"},
                                 {"type":"tool_use","id":"call_fn_3","name":"get_weather","input":{"city":"Lyon"}}]},
                               {"role":"user","content":[
                                 {"type":"tool_result","tool_use_id":"call_fn_3","content":"15 degrees"}]}],
                             "stream":true,
                             "tools":[{"name":"get_weather","description":"Current weather of a city",
                               "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                             "tool_choice":{"type":"none"}}
                            """));
        }
    }

    @Test
    void aCircuitOpenedByOneInstanceKeepsTheOtherOffTheChannelAndOneTrialDecidesForBoth() throws IOException {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-circuit", "sk-circuit");
        try (var dead = new MockOpenAiServer(503)) {
            var preferred = client.post(
                    "/admin/v1/workspaces/" + tenant.workspaceId() + "/channels",
                    PLATFORM.adminToken,
                    """
                    {"name":"dead","provider":"openai-compatible","baseUrl":"%s","models":["mock-circuit"],"priority":10}
                    """
                            .formatted(dead.baseUrl()));
            assertThat(preferred.status()).isEqualTo(201);
            String deadId = preferred.json().path("id").asText();
            CircuitBreakers breakersB = instanceB.getBean(CircuitBreakers.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> instanceB
                                    .getBean(GovernanceView.class)
                                    .channelsServing(tenant.workspaceId(), "mock-circuit")
                                    .size()
                            == 2);

            assertThat(chat(PLATFORM.port, tenant.key(), "mock-circuit").statusCode())
                    .isEqualTo(200);
            assertThat(breakersA.isOpen(deadId))
                    .as("two failures opened it in instance A")
                    .isTrue();
            long openedInA = System.nanoTime();
            await().atMost(Duration.ofSeconds(8))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> breakersB.isOpen(deadId));
            System.out.printf(
                    "circuit opened in instance A reached instance B after %d ms%n",
                    Duration.ofNanos(System.nanoTime() - openedInA).toMillis());
            int deadCalls = dead.received().size();
            for (int i = 0; i < 3; i++) {
                assertThat(chat(PORT_B, tenant.key(), "mock-circuit").statusCode())
                        .isEqualTo(200);
            }
            assertThat(dead.received())
                    .as("instance B never tried the channel A found dead")
                    .hasSize(deadCalls);
            assertThat(circuitOpenings(deadId)).containsExactly("instance-a");

            // the open period ends in both: each asks for the trial, one makes it, and it fails
            String prober = oneTrialAfterTheOpenPeriod(deadId, breakersB, tenant.key(), dead, deadCalls);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(circuitOpenings(deadId)).containsExactly("instance-a", prober));
            for (int i = 0; i < 3; i++) {
                assertThat(chat(PLATFORM.port, tenant.key(), "mock-circuit").statusCode())
                        .isEqualTo(200);
                assertThat(chat(PORT_B, tenant.key(), "mock-circuit").statusCode())
                        .isEqualTo(200);
            }
            assertThat(dead.received())
                    .as("the failed trial opened a new period for both instances")
                    .hasSize(deadCalls + 1);

            // the channel recovers: the next period's one trial succeeds and closes it for both
            dead.recover();
            String recoveredBy = oneTrialAfterTheOpenPeriod(deadId, breakersB, tenant.key(), dead, deadCalls + 1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(circuitEvents(deadId, "ChannelCircuitClosed"))
                            .containsExactly(recoveredBy));
            assertThat(dead.received()).as("no call but the trial").hasSize(deadCalls + 2);
            int other = recoveredBy.equals("instance-a") ? PORT_B : PLATFORM.port;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> chat(other, tenant.key(), "mock-circuit").statusCode() == 200
                            && dead.received().size() > deadCalls + 2);
            assertThat(breakersA.isOpen(deadId)).isFalse();
            assertThat(breakersB.isOpen(deadId)).isFalse();
        }
    }

    /**
     * Waits for the open period to end in both instances, then sends requests to them in turn until the channel
     * receives one: asserts that it was exactly one, made by the one instance granted the trial; returns that
     * instance's id.
     */
    private String oneTrialAfterTheOpenPeriod(
            String channelId, CircuitBreakers breakersB, String key, MockOpenAiServer channel, int callsBefore) {
        int claimsBefore =
                circuitEvents(channelId, "ChannelCircuitTrialClaimed").size();
        await().atMost(CIRCUIT_OPEN_FOR.plusSeconds(10))
                .until(() -> !breakersA.isOpen(channelId) && !breakersB.isOpen(channelId));
        int[] sent = {0};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            int port = sent[0]++ % 2 == 0 ? PLATFORM.port : PORT_B;
            assertThat(chat(port, key, "mock-circuit").statusCode()).isEqualTo(200);
            return channel.received().size() > callsBefore;
        });
        assertThat(channel.received()).as("one trial across both instances").hasSize(callsBefore + 1);
        List<String> claims = circuitEvents(channelId, "ChannelCircuitTrialClaimed");
        assertThat(claims).hasSize(claimsBefore + 1);
        return claims.getLast();
    }

    private String toolRequest(boolean stream, String toolChoice) {
        return """
                {"model":"claude-tools","stream":%s,"stream_options":%s,"tool_choice":%s,
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather of a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "messages":[{"role":"user","content":"Weather in Paris? %s"}]}
                """
                .formatted(stream, stream ? "{\"include_usage\":true}" : "null", toolChoice, UUID.randomUUID());
    }

    private static String toolResultRequest() {
        return """
                {"model":"claude-tools",
                 "tool_choice":{"type":"function","function":{"name":"get_weather"}},
                 "tools":[{"type":"function","function":{"name":"get_weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "messages":[{"role":"user","content":"Weather in Paris?"},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   {"role":"tool","tool_call_id":"call_1","content":"18 degrees and sunny"}]}
                """;
    }

    private static String functionRequest(boolean stream, String functionCall) {
        return """
                {"model":"claude-functions","stream":%s,"function_call":%s,
                 "functions":[{"name":"get_weather","description":"Current weather of a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "messages":[{"role":"user","content":"Weather in Paris?"}]}
                """
                .formatted(stream, functionCall);
    }

    private static String functionResultRequest() {
        return """
                {"model":"claude-functions","function_call":"none",
                 "functions":[{"name":"get_weather","description":"Current weather of a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "messages":[{"role":"user","content":"Weather in Paris?"},
                   {"role":"assistant","content":null,
                    "function_call":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"role":"function","name":"get_weather","content":"18 degrees and sunny"},
                   {"role":"assistant","content":"And Lyon?",
                    "function_call":{"name":"get_weather","arguments":"{\\"city\\":\\"Lyon\\"}"}},
                   {"role":"function","name":"get_weather","content":"15 degrees"}]}
                """;
    }

    /** An Anthropic request body without the fields the channel's configuration decides. */
    private static JsonNode withoutModelAndLimits(JsonNode body) {
        var copy = body.deepCopy();
        ((ObjectNode) copy).remove(List.of("model", "max_tokens"));
        return copy;
    }

    private static String chatBody(String model, String question) {
        return "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}".formatted(model, question);
    }

    private HttpResponse<String> chat(int port, String key, String model) {
        return post(
                port,
                "/v1/chat/completions",
                key,
                chatBody(model, "Hello " + UUID.randomUUID()),
                Map.of("X-Lyss-Cache", "off"));
    }

    private HttpResponse<String> post(int port, String path, String key, String body) {
        return post(port, path, key, body, Map.of());
    }

    private HttpResponse<String> post(int port, String path, String key, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Lyss-Request-Id").orElseThrow();
    }

    private JsonNode spend(String requestId) throws IOException {
        List<String> payloads = jdbc.queryForList(
                """
                SELECT convert_from(payload, 'UTF8') FROM lyss_command.domain_event_entry
                WHERE payload_type LIKE '%.TokensSpent' AND aggregate_identifier = ?
                """,
                String.class, requestId);
        assertThat(payloads).hasSize(1);
        return JSON.readTree(payloads.getFirst());
    }

    private String actorOfLast(String eventType, String aggregateId) {
        return jdbc.queryForObject(
                """
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'lyss-actor' FROM lyss_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number DESC LIMIT 1
                """,
                String.class,
                aggregateId,
                "%." + eventType);
    }

    private List<String> circuitOpenings(String channelId) {
        return circuitEvents(channelId, "ChannelCircuitOpened");
    }

    /** The instance ids of a channel's circuit events of one type, in order. */
    private List<String> circuitEvents(String channelId, String eventType) {
        return jdbc.queryForList(
                """
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'instanceId' FROM lyss_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number
                """,
                String.class,
                channelId,
                "%." + eventType);
    }

    private long upstreamCallsFor(String model) {
        return upstream.received().stream()
                .filter(sent -> sent.body().path("model").asText().equals(model))
                .count();
    }

    private void awaitQuotaKnown(String scopeId, String what) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/internal/v1/quota-view/" + scopeId, PLATFORM.internalToken)
                        .json()
                        .path(what)
                        .isObject());
    }

    private static List<JsonNode> chunks(String sse) {
        List<JsonNode> chunks = new ArrayList<>();
        sse.lines()
                .filter(line -> line.startsWith("data: ") && !line.equals("data: [DONE]"))
                .forEach(line -> {
                    try {
                        chunks.add(JSON.readTree(line.substring(6)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return chunks;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** A key of the workspace, usable once the orchestrator knows the channel to the mock Anthropic server. */
    private String keyForAnthropicChannel(String ws, MockAnthropicServer anthropic, String model) {
        var channel = client.post(
                "/admin/v1/workspaces/" + ws + "/channels",
                PLATFORM.adminToken,
                """
                {"name":"claude","provider":"anthropic","baseUrl":"%s","models":["%s"],"apiKey":"sk-ant"}
                """
                        .formatted(anthropic.baseUrl(), model));
        assertThat(channel.status()).isEqualTo(201);
        String key = calls.key(PLATFORM.adminToken, ws, "{\"name\":\"k\"}")
                .path("key")
                .asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.models(key).contains(model));
        return key;
    }
}
