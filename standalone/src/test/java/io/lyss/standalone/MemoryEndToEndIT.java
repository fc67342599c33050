package io.lyss.standalone;

import static io.lyss.standalone.PlatformUnderTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.EventTopics;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.orchestrator.cache.AnswerCacheFeed;
import io.lyss.orchestrator.cache.CacheLookup;
import io.lyss.orchestrator.cache.CanonicalRequest;
import io.lyss.orchestrator.cache.ProjectedAnswerCache;
import io.lyss.orchestrator.cache.SemanticIndex;
import io.lyss.query.conversations.ConversationProjection;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.DeadLetters;
import io.lyss.query.projection.ProjectionRunner;
import io.lyss.security.personal.ConversationContents;
import io.lyss.security.personal.DataKeyDirectory;
import io.lyss.security.secrets.SecretSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Memory end to end through the real PostgreSQL, Kafka and Elasticsearch: the Mem0 API, memories as events,
 * the index as their projection, mining of chat turns by rules and by a memory model reached through Lyss's own
 * routing (a real HTTP server speaking OpenAI's protocol), scope isolation, and erasure of a user.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class MemoryEndToEndIT {

    private static final PlatformUnderTest PLATFORM = new PlatformUnderTest();
    private static final LocalInfrastructure INFRA = PlatformUnderTest.INFRA;
    private static final int PORT = PLATFORM.port;
    private static final String ADMIN_TOKEN = PLATFORM.adminToken;
    private static final String INTERNAL_TOKEN = PLATFORM.internalToken;
    private static final String UPSTREAM_SECRET = "sk-upstream-" + random(24);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROJECTED = Duration.ofSeconds(60);
    private static MockMemoryModelServer upstream;

    private final PlatformClient client = new PlatformClient(PORT);
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private CheckpointStore checkpoints;

    @Autowired
    private DeadLetters deadLetters;

    @Autowired
    private SecretSealer sealer;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        PLATFORM.register(properties);
        properties.add("lyss.memory.kafka-bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.memory.enabled", () -> "true");
        properties.add("lyss.memory.index", () -> "lyss-memories-it-" + random(8));
    }

    private CapturedOutput serverOutput;

    @BeforeEach
    void captureServerOutput(CapturedOutput output) {
        serverOutput = output;
    }

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = new MockMemoryModelServer();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Test
    void memoriesAddedThroughTheApiAreEventsProjectedIntoASearchableIndexWithHistory() {
        Tenant tenant = newTenant();
        var added = mem0(
                "POST",
                "/v1/memories/",
                tenant.key(),
                """
                {"messages":[{"role":"user","content":"I live in Lisbon. I like sailing."},
                             {"role":"assistant","content":"Nice!"}],
                 "user_id":"alice","metadata":{"source":"it"}}""");
        assertThat(added.path("results")).hasSize(2);
        assertThat(added.at("/results/0/event").asText()).isEqualTo("ADD");
        String livesId = added.at("/results/0/id").asText();

        await().atMost(PROJECTED).untilAsserted(() -> {
            JsonNode found = search(tenant.key(), "alice", "Where does the user live?");
            assertThat(found.at("/results/0/memory").asText()).isEqualTo("Lives in Lisbon");
            assertThat(found.at("/results/0/metadata/source").asText()).isEqualTo("it");
        });

        var again = mem0(
                "POST",
                "/v3/memories/add/",
                tenant.key(),
                """
                {"messages":"I live in Lisbon.","user_id":"alice"}""");
        assertThat(again.at("/results/0/event").asText()).isEqualTo("NONE");
        assertThat(again.at("/results/0/id").asText()).isEqualTo(livesId);

        mem0("PUT", "/v1/memories/" + livesId + "/", tenant.key(), "{\"text\":\"Lives in Porto\"}");
        await().atMost(PROJECTED)
                .untilAsserted(() -> assertThat(mem0("GET", "/v1/memories/" + livesId + "/", tenant.key(), null)
                                .path("memory")
                                .asText())
                        .isEqualTo("Lives in Porto"));
        JsonNode history = mem0("GET", "/v1/memories/" + livesId + "/history/", tenant.key(), null);
        assertThat(history).hasSize(2);
        assertThat(history.at("/0/event").asText()).isEqualTo("ADD");
        assertThat(history.at("/1/old_memory").asText()).isEqualTo("Lives in Lisbon");
        assertThat(history.at("/1/new_memory").asText()).isEqualTo("Lives in Porto");

        assertThat(eventCount(tenant, "MemoryAdded")).isEqualTo(2);
        assertThat(eventCount(tenant, "MemoryUpdated")).isEqualTo(1);
        assertThat(storedPayloads(tenant))
                .noneMatch(payload -> payload.contains("Lisbon") || payload.contains("Porto"));
    }

    @Test
    void metadataNeverMovesAMemoryIntoAnotherUsersOrWorkspacesScope() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        var added = mem0(
                "POST",
                "/v1/memories/",
                tenant.key(),
                """
                {"messages":"My favourite colour is teal.","user_id":"alice",
                 "metadata":{"user_id":"bob","workspace_id":"%s","workspaceId":"%s","userId":"bob"}}"""
                        .formatted(other.workspaceId(), other.workspaceId()));
        String id = added.at("/results/0/id").asText();
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(
                        search(tenant.key(), "alice", "favourite colour").path("results"))
                .isNotEmpty());

        mem0("PUT", "/v1/memories/" + id + "/", tenant.key(), "{\"metadata\":{\"user_id\":\"bob\"}}");
        await().atMost(PROJECTED)
                .untilAsserted(() -> assertThat(mem0("GET", "/v1/memories/" + id + "/", tenant.key(), null)
                                .at("/metadata/user_id")
                                .asText())
                        .isEqualTo("bob"));

        JsonNode memory = mem0("GET", "/v1/memories/" + id + "/", tenant.key(), null);
        assertThat(memory.path("user_id").asText()).isEqualTo("alice");
        assertThat(search(tenant.key(), "bob", "favourite colour").path("results"))
                .isEmpty();
        assertThat(search(other.key(), "alice", "favourite colour").path("results"))
                .isEmpty();
        assertThat(search(other.key(), "bob", "favourite colour").path("results"))
                .isEmpty();
        assertThat(status("GET", "/v1/memories/" + id + "/", other.key(), null)).isEqualTo(404);
        assertThat(status("PUT", "/v1/memories/" + id + "/", other.key(), "{\"text\":\"stolen\"}"))
                .isEqualTo(404);
        assertThat(status("DELETE", "/v1/memories/" + id + "/", other.key(), null))
                .isEqualTo(404);
        assertThat(status("GET", "/v1/memories/" + id + "/history/", other.key(), null))
                .isEqualTo(404);
        assertThat(status("POST", "/v1/memories/search/", "lyss-sk-nobody", "{\"query\":\"x\",\"user_id\":\"a\"}"))
                .isEqualTo(401);
        assertThat(status("POST", "/v1/memories/", tenant.key(), "{\"messages\":42,\"user_id\":\"a\"}"))
                .isEqualTo(400);
    }

    @Test
    void chatTurnsAreMinedByRulesAndByTheMemoryModelWhoseSpendIsRecordedAsMemory() {
        Tenant tenant = newTenant();
        chat(tenant, "carol", "Hello. My name is Carol and I work at Initech.");
        await().atMost(PROJECTED)
                .untilAsserted(() -> assertThat(search(tenant.key(), "carol", "Where does the user work?")
                                .at("/results/0/memory")
                                .asText())
                        .isEqualTo("Works at Initech"));
        assertThat(storedPayloads(tenant, "MemoryAdded")).allMatch(p -> p.contains("\"extractor\":\"rules\""));

        String carolsMemory =
                search(tenant.key(), "carol", "work").at("/results/0/id").asText();
        upstream.extractionAnswer(
                """
                {"memory":[{"event":"ADD","text":"Has a dog named Rex"},
                           {"event":"DELETE","id":"m7"},
                           {"event":"DELETE","id":"%s"}]}"""
                        .formatted(carolsMemory));
        var set = put(
                "/admin/v1/workspaces/" + tenant.workspaceId() + "/memory-model",
                ADMIN_TOKEN,
                "{\"model\":\"%s\",\"virtualKey\":\"%s\"}".formatted(MockMemoryModelServer.MEMORY_MODEL, tenant.key()));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(storedPayloads(tenant, "MemoryModelConfigured"))
                .singleElement()
                .satisfies(payload -> assertThat(payload)
                        .contains(MockMemoryModelServer.MEMORY_MODEL)
                        .doesNotContain(tenant.key()));
        assertThat(put(
                                "/admin/v1/workspaces/" + tenant.workspaceId() + "/memory-model",
                                ADMIN_TOKEN,
                                "{\"model\":\"\"}")
                        .statusCode())
                .isEqualTo(400);
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM lyss_memory.workspace_memory_model WHERE workspace_id = ? AND model = ?",
                        Long.class,
                        tenant.workspaceId(),
                        MockMemoryModelServer.MEMORY_MODEL))
                .isEqualTo(1L));

        chat(tenant, "dave", "My dog Rex keeps me busy.");
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(search(tenant.key(), "dave", "pets")
                        .at("/results/0/memory")
                        .asText())
                .isEqualTo("Has a dog named Rex"));
        assertThat(upstream.memoryCalls()).isNotEmpty();
        assertThat(upstream.memoryCalls().getLast().toString()).doesNotContain(carolsMemory);
        assertThat(mem0("GET", "/v1/memories/" + carolsMemory + "/", tenant.key(), null)
                        .path("memory")
                        .asText())
                .isEqualTo("Works at Initech");
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        """
                        SELECT count(*) FROM lyss_command.domain_event_entry
                        WHERE payload_type LIKE '%.TokensSpent'
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'workspaceId' = ?
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'reason' = 'MEMORY'
                        """,
                        Long.class, tenant.workspaceId()))
                .isEqualTo(1L)); // one turn mined by the model: one spend, even if the turn is delivered again
        assertThat(eventCount(tenant, "TurnCompleted")).isEqualTo(2);
        assertThat(storedPayloads(tenant, "MemoryAdded")).anyMatch(p -> p.contains("\"extractor\":\"llm:mem-model\""));
    }

    @Test
    void forgettingAUserShredsTheirContentAndDropsThemFromEveryReadModel() {
        Tenant tenant = newTenant();
        String id = mem0(
                        "POST",
                        "/v1/memories/",
                        tenant.key(),
                        """
                        {"messages":"I am allergic to peanuts.","user_id":"erin"}""")
                .at("/results/0/id")
                .asText();
        mem0(
                "POST",
                "/v1/memories/",
                tenant.key(),
                """
                {"messages":"I am allergic to peanuts.","user_id":"frank"}""");
        await().atMost(PROJECTED).untilAsserted(() -> {
            assertThat(search(tenant.key(), "erin", "allergies").path("results"))
                    .hasSize(1);
            assertThat(search(tenant.key(), "frank", "allergies").path("results"))
                    .hasSize(1);
        });
        assertThat(dataKeys(tenant, "erin")).isEqualTo(1);

        var forgotten = mem0("DELETE", "/v1/entities/user/erin/", tenant.key(), null);
        assertThat(forgotten.path("data_keys_destroyed").asInt()).isEqualTo(1);

        assertThat(dataKeys(tenant, "erin")).isZero();
        assertThat(search(tenant.key(), "erin", "allergies").path("results")).isEmpty();
        assertThat(status("GET", "/v1/memories/" + id + "/", tenant.key(), null))
                .isEqualTo(404);
        assertThat(status("GET", "/v1/memories/" + id + "/history/", tenant.key(), null))
                .isEqualTo(404);
        assertThat(eventCount(tenant, "UserForgotten")).isEqualTo(1);
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM lyss_memory.memory_history WHERE workspace_id = ? AND user_id = 'erin'",
                        Long.class,
                        tenant.workspaceId()))
                .isZero());
        assertThat(search(tenant.key(), "frank", "allergies").path("results")).hasSize(1);
    }

    /** What one end user said in each API, as unique lowercase words to look for afterwards. */
    private record Planted(String user, String openAi, String dify, String name, String comment, String memory) {

        static Planted by(String user) {
            return new Planted(
                    user,
                    "zq" + random(14),
                    "zq" + random(14),
                    "zq" + random(14),
                    "zq" + random(14),
                    "zq" + random(14));
        }

        List<String> phrases() {
            return List.of(openAi, dify, name, comment, memory);
        }

        String openAiRequest() {
            return """
                    {"model":"%s","user":"%s","messages":[{"role":"user","content":"Please remember %s"}]}"""
                    .formatted(MockMemoryModelServer.ECHO_MODEL, user, openAi);
        }
    }

    @Test
    void forgettingAUserErasesTheirTurnsAndMemoriesEverywhereAndAReplayBringsNothingBack() throws Exception {
        Tenant tenant = newTenant();
        Planted gina = Planted.by("gina");
        Planted hugo = Planted.by("hugo");
        Map<String, String> difyConversations = new HashMap<>();
        for (Planted planted : List.of(gina, hugo)) {
            HttpResponse<String> openAi =
                    send("POST", "/v1/chat/completions", "Bearer " + tenant.key(), planted.openAiRequest());
            assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
            assertThat(openAi.body()).contains("You said: Please remember " + planted.openAi());
            var dify = client.post(
                    "/v1/chat-messages",
                    tenant.key(),
                    """
                    {"query":"Note that %s","inputs":{"model":"%s"},"response_mode":"blocking","user":"%s",
                     "conversation_id":""}"""
                            .formatted(planted.dify(), MockMemoryModelServer.ECHO_MODEL, planted.user()));
            assertThat(dify.status()).as(dify.body()).isEqualTo(200);
            assertThat(dify.json().path("answer").asText()).contains(planted.dify());
            String conversation = dify.json().path("conversation_id").asText();
            difyConversations.put(planted.user(), conversation);
            var renamed = client.post(
                    "/v1/conversations/" + conversation + "/name",
                    tenant.key(),
                    "{\"name\":\"Trip %s\",\"user\":\"%s\"}".formatted(planted.name(), planted.user()));
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            var rated = client.post(
                    "/v1/messages/" + dify.json().path("message_id").asText() + "/feedbacks",
                    tenant.key(),
                    "{\"rating\":\"like\",\"user\":\"%s\",\"content\":\"Loved %s\"}"
                            .formatted(planted.user(), planted.comment()));
            assertThat(rated.status()).as(rated.body()).isEqualTo(200);
            mem0(
                    "POST",
                    "/v1/memories/",
                    tenant.key(),
                    """
                    {"messages":"I keep %s","user_id":"%s","infer":false}"""
                            .formatted(planted.memory(), planted.user()));
        }
        await().atMost(PROJECTED).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Planted planted : List.of(gina, hugo)) {
                assertVisible(tenant, planted, difyConversations.get(planted.user()));
            }
            HttpResponse<String> again =
                    send("POST", "/v1/chat/completions", "Bearer " + tenant.key(), gina.openAiRequest());
            assertThat(again.headers().firstValue("X-Lyss-Cache")).hasValue("hit-exact");
        });
        var scan = new PersonalContentScan(jdbc, INFRA.kafkaBootstrapServers(), INFRA.elasticsearchUrl());
        // in the log (event store and topic) turns, names, comments and memories are ciphertext from the start;
        // the read models hold them in plain text, which also shows that the scans find what is there
        for (String phrase : hugo.phrases()) {
            assertThat(scan.kafka(phrase)).as(phrase).isEmpty();
            assertThat(scan.postgres(phrase)).as(phrase).noneMatch(table -> table.startsWith("\"lyss_command\""));
        }
        await().atMost(PROJECTED).untilAsserted(() -> {
            assertThat(scan.postgres(gina.comment())).isNotEmpty();
            assertThat(scan.postgres(gina.name())).isNotEmpty();
            assertThat(scan.elasticsearch(gina.openAi())).isNotEmpty();
            assertThat(scan.elasticsearch(gina.memory())).isNotEmpty();
        });

        var forgotten =
                client.post("/admin/v1/workspaces/" + tenant.workspaceId() + "/end-users/gina/forget", ADMIN_TOKEN, "");
        assertThat(forgotten.status()).as(forgotten.body()).isEqualTo(200);

        await().atMost(PROJECTED).untilAsserted(() -> assertErased(tenant, gina, difyConversations.get("gina"), scan));
        assertVisible(tenant, hugo, difyConversations.get("hugo"));

        // replay the log after the erasure: the turn index (rebuild API), the conversation tables, the answer cache
        var rebuild = client.post("/admin/v1/projections/turns/rebuild", ADMIN_TOKEN, "");
        assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(202);
        await().atMost(PROJECTED)
                .untilAsserted(() -> assertThat(client.get("/admin/v1/projections/turns/rebuild", ADMIN_TOKEN)
                                .json()
                                .path("state")
                                .asText())
                        .isNotEqualTo("RUNNING"));
        var contents =
                new ConversationContents(new DataKeyDirectory("http://127.0.0.1:" + PORT, INTERNAL_TOKEN, sealer));
        Map<Integer, Long> ends = scan.endOffsets(EventTopics.EVENTS);
        String replayName = "conversations-replay-" + random(8);
        var replay = new ProjectionRunner(
                new ConversationProjection(replayName, jdbc, transactions, checkpoints, contents),
                INFRA.kafkaBootstrapServers(),
                Duration.ofMillis(200),
                deadLetters);
        var cache = new ProjectedAnswerCache(1000, SemanticIndex.disabled());
        var cacheFeed = new AnswerCacheFeed(cache, contents, List.of(), INFRA.kafkaBootstrapServers());
        replay.start();
        cacheFeed.start();
        try {
            await().atMost(PROJECTED)
                    .until(() -> PersonalContentScan.caughtUp(checkpoints.load(replayName), ends)
                            && PersonalContentScan.caughtUp(cacheFeed.positions(), ends));
        } finally {
            replay.stop();
            cacheFeed.stop();
        }
        assertErased(tenant, gina, difyConversations.get("gina"), scan);
        assertVisible(tenant, hugo, difyConversations.get("hugo"));
        assertThat(cache.lookup(lookup(tenant, gina))).isEmpty();
        assertThat(cache.lookup(lookup(tenant, hugo))).isPresent();

        HttpResponse<String> asked =
                send("POST", "/v1/chat/completions", "Bearer " + tenant.key(), gina.openAiRequest());
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.headers().firstValue("X-Lyss-Cache")).isNotEqualTo(Optional.of("hit-exact"));
    }

    private CacheLookup lookup(Tenant tenant, Planted planted) throws IOException {
        String canonical = CanonicalRequest.of((ObjectNode) JSON.readTree(planted.openAiRequest()));
        return new CacheLookup(
                tenant.workspaceId(),
                null,
                MockMemoryModelServer.ECHO_MODEL,
                canonical,
                "Please remember " + planted.openAi(),
                false);
    }

    private void assertVisible(Tenant tenant, Planted planted, String difyConversation) {
        for (String phrase : List.of(planted.openAi(), planted.dify())) {
            assertThat(turnsMatching(tenant, phrase)).as(phrase).hasSize(1);
        }
        var messages = client.get(
                "/v1/messages?conversation_id=" + difyConversation + "&user=" + planted.user(), tenant.key());
        assertThat(messages.status()).isEqualTo(200);
        assertThat(messages.body()).contains(planted.dify());
        assertThat(client.get("/v1/conversations?user=" + planted.user(), tenant.key())
                        .body())
                .contains(planted.name());
        assertThat(search(tenant.key(), planted.user(), "What does the user keep?")
                        .path("results")
                        .toString())
                .contains(planted.memory());
    }

    private void assertErased(Tenant tenant, Planted planted, String difyConversation, PersonalContentScan scan) {
        for (String phrase : planted.phrases()) {
            assertThat(turnsMatching(tenant, phrase)).as(phrase).isEmpty();
            assertThat(scan.postgres(phrase))
                    .as("PostgreSQL tables holding " + phrase)
                    .isEmpty();
            assertThat(scan.kafka(phrase)).as("Kafka topics holding " + phrase).isEmpty();
            assertThat(scan.elasticsearch(phrase))
                    .as("Elasticsearch indices holding " + phrase)
                    .isEmpty();
        }
        assertThat(client.get(
                                "/admin/v1/workspaces/" + tenant.workspaceId() + "/turns?endUserId=" + planted.user(),
                                ADMIN_TOKEN)
                        .json()
                        .path("turns"))
                .isEmpty();
        assertThat(client.get(
                                "/v1/messages?conversation_id=" + difyConversation + "&user=" + planted.user(),
                                tenant.key())
                        .status())
                .isEqualTo(404);
        assertThat(client.get("/v1/conversations?user=" + planted.user(), tenant.key())
                        .json()
                        .path("data"))
                .isEmpty();
        assertThat(search(tenant.key(), planted.user(), "What does the user keep?")
                        .path("results"))
                .isEmpty();
        assertThat(mem0("GET", "/v1/memories/?user_id=" + planted.user(), tenant.key(), null)
                        .toString())
                .doesNotContain(planted.memory());
    }

    private JsonNode turnsMatching(Tenant tenant, String phrase) {
        var found = client.get("/admin/v1/workspaces/" + tenant.workspaceId() + "/turns?q=" + phrase, ADMIN_TOKEN);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().path("turns");
    }

    @Test
    void theOfficialMem0ClientWorksAgainstLyss() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "Node.js is needed for the mem0ai client");
        Tenant tenant = newTenant();
        Path dir = Files.createTempDirectory("lyss-mem0-client");
        for (String file : List.of("package.json", "check.mjs")) {
            try (var in = getClass().getResourceAsStream("/mem0-client/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        assertThat(run(dir, Duration.ofMinutes(4), "npm", "install", "--ignore-scripts", "--no-audit", "--no-fund")
                        .exitCode())
                .isZero();
        Run check =
                run(dir, Duration.ofMinutes(3), "/usr/bin/node", "check.mjs", "http://127.0.0.1:" + PORT, tenant.key());
        assertThat(check.exitCode()).as(check.output()).isZero();
        String last = check.output()
                .lines()
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElseThrow();
        JsonNode seen = JSON.readTree(last);
        assertThat(seen.at("/added/results/0/event").asText()).isEqualTo("ADD");
        assertThat(seen.at("/found/results/0/memory").asText()).isEqualTo("Lives in Reykjavik");
        assertThat(seen.at("/found/results/0/userId").asText()).isEqualTo("node-user");
        assertThat(seen.at("/one/metadata/via").asText()).isEqualTo("mem0ai");
        assertThat(seen.at("/updated/memory").asText()).isEqualTo("Lives in Akureyri");
        assertThat(seen.at("/history/1/oldMemory").asText()).isEqualTo("Lives in Reykjavik");
        assertThat(seen.at("/all/count").asInt()).isEqualTo(2);
        assertThat(seen.at("/deleted/message").asText()).contains("deleted");
    }

    private record Run(int exitCode, String output) {}

    private static Run run(Path dir, Duration timeout, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out-" + command.length + ".log").toFile());
        builder.environment().put("MEM0_TELEMETRY", "false");
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("out-" + command.length + ".log"));
        return new Run(finished ? process.exitValue() : -1, output);
    }

    private record Tenant(String workspaceId, String key) {}

    private Tenant newTenant() {
        var workspace = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"memory it\"}");
        assertThat(workspace.status()).isEqualTo(201);
        String workspaceId = workspace.json().path("id").asText();
        var channel = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                """
                {"name":"mock","provider":"openai-compatible","baseUrl":"%s","models":["%s","%s","%s"],"apiKey":"%s"}
                """
                        .formatted(
                                upstream.baseUrl(),
                                MockMemoryModelServer.CHAT_MODEL,
                                MockMemoryModelServer.MEMORY_MODEL,
                                MockMemoryModelServer.ECHO_MODEL,
                                UPSTREAM_SECRET));
        assertThat(channel.status()).isEqualTo(201);
        var key = client.post("/admin/v1/workspaces/" + workspaceId + "/keys", ADMIN_TOKEN, "{\"name\":\"it key\"}");
        assertThat(key.status()).isEqualTo(201);
        var tenant = new Tenant(workspaceId, key.json().path("key").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(client.get("/v1/models", tenant.key()).status()).isEqualTo(200);
            assertThat(status("GET", "/v1/ping/", tenant.key(), null)).isEqualTo(200);
        });
        return tenant;
    }

    private void chat(Tenant tenant, String user, String message) {
        var reply = client.post(
                "/v1/chat/completions",
                tenant.key(),
                "{\"model\":\"%s\",\"user\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}"
                        .formatted(MockMemoryModelServer.CHAT_MODEL, user, message));
        assertThat(reply.status()).isEqualTo(200);
    }

    private JsonNode search(String key, String user, String query) {
        return mem0(
                "POST",
                "/v3/memories/search/",
                key,
                """
                {"query":"%s","filters":{"AND":[{"user_id":"%s"}]},"top_k":5}"""
                        .formatted(query, user));
    }

    private JsonNode mem0(String method, String path, String key, String body) {
        HttpResponse<String> response = send(method, path, "Token " + key, body);
        assertThat(response.statusCode())
                .as(() -> method + " " + path + ": " + response.body() + ServerLog.problems(serverOutput))
                .isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int status(String method, String path, String key, String body) {
        HttpResponse<String> response = send(method, path, "Token " + key, body);
        assertThat(response.body()).doesNotContain("Exception");
        return response.statusCode();
    }

    private HttpResponse<String> put(String path, String bearer, String body) {
        return send("PUT", path, "Bearer " + bearer, body);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long eventCount(Tenant tenant, String type) {
        return storedPayloads(tenant, type).size();
    }

    private List<String> storedPayloads(Tenant tenant) {
        return storedPayloads(tenant, "");
    }

    private List<String> storedPayloads(Tenant tenant, String type) {
        return jdbc.queryForList(
                """
                SELECT convert_from(payload, 'UTF8') FROM lyss_command.domain_event_entry
                WHERE payload_type LIKE ? AND convert_from(payload, 'UTF8')::jsonb ->> 'workspaceId' = ?
                """,
                String.class,
                "%" + type,
                tenant.workspaceId());
    }

    private long dataKeys(Tenant tenant, String user) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM lyss_memory.user_data_key WHERE workspace_id = ? AND user_id = ?",
                Long.class,
                tenant.workspaceId(),
                user);
    }
}
