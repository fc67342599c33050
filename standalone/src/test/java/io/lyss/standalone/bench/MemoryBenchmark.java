package io.lyss.standalone.bench;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.memory.MemoryProperties;
import io.lyss.memory.embedding.Embedder;
import io.lyss.memory.index.MemoryIndex;
import io.lyss.standalone.LyssApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The memory benchmark (issue 5), on the whole platform against the real servers. Not a test: run it with
 * {@code ./lyss test -pl standalone -am -Dtest=none -Dit.test=MemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlyss.bench.memories=100000}. Prints tokens per request with memory versus full history, recall of planted
 * facts at top 5, add latency (rules, so no LLM call) and search latency with N memories in the index.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MemoryBenchmark {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static final int PORT = freePort();
    private static final String ADMIN = "admin-bench-" + PORT;
    private static final int USERS = Integer.getInteger("lyss.bench.users", 10);
    private static final int TURNS = Integer.getInteger("lyss.bench.turns", 150);
    private static final int LOAD = Integer.getInteger("lyss.bench.memories", 100_000);
    private static final int LAST_TURNS = 3;
    private static final int TOP_K = 5;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Encoding tokens = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Autowired
    private ElasticsearchClient elasticsearch;

    @Autowired
    private MemoryIndex index;

    @Autowired
    private Embedder embedder;

    @Autowired
    private MemoryProperties memoryProperties;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("spring.datasource.url", INFRA::postgresUrl);
        properties.add("spring.datasource.username", INFRA::postgresUser);
        properties.add("spring.datasource.password", INFRA::postgresPassword);
        properties.add("spring.elasticsearch.uris", INFRA::elasticsearchUrl);
        properties.add("lyss.relay.bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.orchestrator.kafka-bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.query.kafka-bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.memory.kafka-bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.memory.enabled", () -> "true");
        properties.add("lyss.memory.index", () -> "lyss-memories-bench-" + PORT);
        properties.add("lyss.orchestrator.command-side-url", () -> "http://127.0.0.1:" + PORT);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        properties.add("lyss.security.master-key", () -> Base64.getEncoder().encodeToString(key));
        properties.add("lyss.security.admin-token", () -> ADMIN);
        properties.add("lyss.security.internal-token", () -> "internal-bench-" + PORT);
    }

    @Test
    void run() throws Exception {
        String key = newKey();
        List<PlantedConversations.Conversation> data = PlantedConversations.generate(USERS, TURNS, 42);

        List<Long> addNanos = new ArrayList<>();
        for (var conversation : data) {
            for (var turn : conversation.turns()) {
                String body = json.writeValueAsString(Map.of(
                        "user_id", conversation.userId(),
                        "messages",
                                List.of(
                                        Map.of("role", "user", "content", turn.user()),
                                        Map.of("role", "assistant", "content", turn.assistant()))));
                long start = System.nanoTime();
                call("POST", "/v1/memories/", key, body);
                addNanos.add(System.nanoTime() - start);
            }
        }
        var last = data.getLast();
        await().atMost(Duration.ofMinutes(5)).until(() -> !search(
                        key, last.userId(), last.probes().getFirst().question())
                .path("results")
                .isEmpty());
        index.refresh();

        long fullTokens = 0;
        long memoryTokens = 0;
        int hits = 0;
        int probes = 0;
        for (var conversation : data) {
            for (var probe : conversation.probes()) {
                JsonNode found =
                        search(key, conversation.userId(), probe.question()).path("results");
                StringBuilder memories = new StringBuilder();
                boolean hit = false;
                for (JsonNode memory : found) {
                    memories.append("- ").append(memory.path("memory").asText()).append('\n');
                    hit |= memory.path("memory")
                            .asText()
                            .toLowerCase()
                            .contains(probe.expected().toLowerCase());
                }
                hits += hit ? 1 : 0;
                probes++;
                fullTokens +=
                        promptTokens(conversation.turns(), conversation.turns().size(), "", probe.question());
                memoryTokens += promptTokens(conversation.turns(), LAST_TURNS, memories.toString(), probe.question());
            }
        }

        List<Long> searchNanos = loadAndSearch(key);

        System.out.printf(
                "%n=== Memory benchmark: %d users x %d turns, %d probes, %d memories loaded ===%n",
                USERS, TURNS, probes, LOAD);
        System.out.printf(
                "tokens per request: full history %.0f, memory (top %d + last %d turns) %.0f -> %.1f%% fewer%n",
                (double) fullTokens / probes,
                TOP_K,
                LAST_TURNS,
                (double) memoryTokens / probes,
                100.0 * (fullTokens - memoryTokens) / fullTokens);
        System.out.printf(
                "recall of planted facts at top %d: %d/%d = %.3f%n", TOP_K, hits, probes, (double) hits / probes);
        System.out.printf(
                "add (rules, no LLM; embed + kNN + encrypt + event stored), HTTP: p50 %.1f ms, p95 %.1f ms (n=%d)%n",
                percentile(addNanos, 50), percentile(addNanos, 95), addNanos.size());
        System.out.printf(
                "search at %d memories (HTTP Mem0 search: embed + filtered kNN): p50 %.1f ms, p95 %.1f ms (n=%d)%n",
                LOAD, percentile(searchNanos, 50), percentile(searchNanos, 95), searchNanos.size());
    }

    /** Bulk-loads synthetic memories for other users of the same workspace, then times searches. */
    private List<Long> loadAndSearch(String key) throws Exception {
        String workspaceId = call("GET", "/v1/ping/", key, null).path("org_id").asText();
        Random random = new Random(7);
        List<String> pool = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        String[] subjects = {"Likes", "Lives in", "Works at", "Speaks", "Has a", "Is allergic to", "Favourite food is"};
        for (int i = 0; i < 500; i++) {
            String text = subjects[i % subjects.length] + " thing-" + i + " " + (i * 7919 % 1000);
            pool.add(text);
            vectors.add(embedder.embed(text));
        }
        long loadStart = System.nanoTime();
        int users = Math.max(1, LOAD / 100);
        for (int from = 0; from < LOAD; from += 1000) {
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (int i = from; i < Math.min(LOAD, from + 1000); i++) {
                int p = random.nextInt(pool.size());
                Map<String, Object> doc = new HashMap<>();
                doc.put("memoryId", "load-" + i);
                doc.put("workspaceId", workspaceId);
                doc.put("userId", "load-user-" + (i % users));
                doc.put("memory", pool.get(p));
                doc.put("hash", "h" + i);
                doc.put("createdAt", "2026-11-26T00:00:00Z");
                doc.put("updatedAt", "2026-11-26T00:00:00Z");
                doc.put("embedding", jitter(vectors.get(p), random));
                String id = "load-" + i;
                bulk.operations(op ->
                        op.index(x -> x.index(memoryProperties.index()).id(id).document(doc)));
            }
            elasticsearch.bulk(bulk.build());
        }
        index.refresh();
        System.out.printf("loaded %d synthetic memories in %.1f s%n", LOAD, (System.nanoTime() - loadStart) / 1e9);
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String user = "load-user-" + random.nextInt(users);
            String body = json.writeValueAsString(
                    Map.of("query", "what does the user like to eat " + i, "user_id", user, "top_k", TOP_K));
            long start = System.nanoTime();
            call("POST", "/v1/memories/search/", key, body);
            if (i >= 50) { // the first calls warm the JIT and the caches
                nanos.add(System.nanoTime() - start);
            }
        }
        return nanos;
    }

    private long promptTokens(List<PlantedConversations.Turn> turns, int lastTurns, String memories, String question) {
        long count = memories.isEmpty() ? 0 : tokens.countTokens("Known facts about the user:\n" + memories) + 4;
        for (var turn : turns.subList(turns.size() - lastTurns, turns.size())) {
            count += tokens.countTokens(turn.user()) + tokens.countTokens(turn.assistant()) + 8;
        }
        return count + tokens.countTokens(question) + 4;
    }

    private JsonNode search(String key, String user, String query) throws IOException, InterruptedException {
        return call(
                "POST",
                "/v3/memories/search/",
                key,
                json.writeValueAsString(Map.of("query", query, "filters", Map.of("user_id", user), "top_k", TOP_K)));
    }

    private String newKey() throws Exception {
        String workspace = call("POST", "/admin/v1/workspaces", ADMIN, "{\"name\":\"memory bench\"}")
                .path("id")
                .asText();
        String key = call("POST", "/admin/v1/workspaces/" + workspace + "/keys", ADMIN, "{\"name\":\"bench\"}")
                .path("key")
                .asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> send("GET", "/v1/ping/", key, null).statusCode() == 200);
        return key;
    }

    private JsonNode call(String method, String path, String bearer, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, bearer, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static float[] jitter(float[] vector, Random random) {
        float[] out = new float[vector.length];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] + (float) (random.nextGaussian() * 0.02);
            norm += out[i] * out[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
