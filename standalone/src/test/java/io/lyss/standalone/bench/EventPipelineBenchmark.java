package io.lyss.standalone.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.standalone.LyssApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event pipeline of the whole platform (not part of {@code ./lyss test}; run it by name, see docs/benchmarks.md):
 * how many events per second the command side appends (turn reports one by one over {@code POST /internal/v1/turns},
 * and in batches over {@code POST /internal/v1/turn-batches} as orchestrators send them, through Axon into the
 * PostgreSQL event store, three events per turn), against plain JDBC inserts of the same payloads in the same run;
 * and the delay from a turn's append (its 204) to its row in the usage read model, p50 and p99.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class EventPipelineBenchmark {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static final int PORT = freePort();
    private static final String INTERNAL_TOKEN = "internal-" + UUID.randomUUID();
    private static final ObjectMapper ANSWERS = new ObjectMapper();
    private static final int TURNS = Integer.getInteger("lyss.bench.turns", 2_000);
    private static final int CONCURRENCY = Integer.getInteger("lyss.bench.concurrency", 8);
    private static final int DELAY_SAMPLES = Integer.getInteger("lyss.bench.delay-samples", 200);
    private static final int BATCH = 256;
    private static final int BATCH_CONCURRENCY = 2;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String workspace = "ws_bench_" + UUID.randomUUID().toString().substring(0, 8);

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
        properties.add("lyss.orchestrator.command-side-url", () -> "http://127.0.0.1:" + PORT);
        properties.add("lyss.security.master-key", () -> Base64.getEncoder().encodeToString(random(32)));
        // memory is tested by MemoryEndToEndIT; a second memory projector in this JVM would compete for its checkpoint
        properties.add("lyss.memory.enabled", () -> "false");
        properties.add("lyss.security.admin-token", () -> "admin-" + UUID.randomUUID());
        properties.add("lyss.security.internal-token", () -> INTERNAL_TOKEN);
    }

    @Test
    void appendRateAndAppendToReadModelDelay() throws Exception {
        timed(50, CONCURRENCY, i -> post(turnJson(UUID.randomUUID().toString(), "w" + i, "key_warmup"))); // warm-up

        jdbc.execute("CREATE SCHEMA IF NOT EXISTS bench_scratch");
        jdbc.execute("DROP TABLE IF EXISTS bench_scratch.appended");
        jdbc.execute("CREATE TABLE bench_scratch.appended (id BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(64),"
                + " seq INTEGER, payload BYTEA, UNIQUE (aggregate_id, seq))");
        byte[] payload = turnJson("c", "t", "k").getBytes();
        double plainSeconds = timed(
                TURNS,
                CONCURRENCY,
                i -> transactions.executeWithoutResult(s -> {
                    String aggregate = UUID.randomUUID().toString();
                    for (int seq = 0; seq < 3; seq++) {
                        jdbc.update(
                                "INSERT INTO bench_scratch.appended (aggregate_id, seq, payload) VALUES (?, ?, ?)",
                                aggregate,
                                seq,
                                payload);
                    }
                }));
        jdbc.execute("DROP SCHEMA bench_scratch CASCADE");

        double axonSeconds =
                timed(TURNS, CONCURRENCY, i -> post(turnJson(UUID.randomUUID().toString(), "t" + i, "key_append")));
        int batches = (TURNS + BATCH - 1) / BATCH;
        double batchedSeconds = timed(batches, BATCH_CONCURRENCY, this::postBatch);

        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < DELAY_SAMPLES; i++) {
            String key = "key_delay_" + i;
            post(turnJson(UUID.randomUUID().toString(), "d" + i, key));
            long appended = System.nanoTime();
            while (Boolean.FALSE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM lyss_rm_usage.usage_daily WHERE workspace_id = ? AND key_id = ?)",
                    Boolean.class,
                    workspace,
                    key))) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll each millisecond
            }
            delays.add(System.nanoTime() - appended);
        }
        Collections.sort(delays);

        int events = 3 * TURNS;
        System.out.printf(
                "%n=== event pipeline (%d cores, load average %.1f) ===%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.printf(
                "append through HTTP + Axon + PostgreSQL  %,d turns x 3 events, %d in parallel: %.1f s, %,.0f events/s (%,.0f turns/s)%n",
                TURNS, CONCURRENCY, axonSeconds, events / axonSeconds, TURNS / axonSeconds);
        System.out.printf(
                "baseline: plain JDBC, same rows          %.1f s, %,.0f events/s%n",
                plainSeconds, events / plainSeconds);
        System.out.printf("Axon path / plain JDBC time ratio        %.2f%n", axonSeconds / plainSeconds);
        System.out.printf(
                "append in batches of %d over POST /internal/v1/turn-batches, %d in parallel (what orchestrators do): %.1f s, %,.0f events/s (%,.0f turns/s), %.1fx the per-turn path%n",
                BATCH,
                BATCH_CONCURRENCY,
                batchedSeconds,
                events / batchedSeconds,
                TURNS / batchedSeconds,
                axonSeconds / batchedSeconds);
        System.out.printf(
                "append -> usage read model, %d turns one after another: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                delays.size(), millis(delays, 0.50), millis(delays, 0.99), delays.getLast() / 1e6);
    }

    private static double timed(int count, int concurrency, IntConsumer work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        work.accept(i);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void post(String json) {
        send("/internal/v1/turns", json, 204);
    }

    /** True when a batch's answer names refused turns (a single report answers 204 with no body). */
    private static boolean refusedAny(String answer) throws IOException {
        return !answer.isBlank() && !ANSWERS.readTree(answer).path("rejected").isEmpty();
    }

    private void send(String path, String json, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                            .header("Authorization", "Bearer " + INTERNAL_TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus || refusedAny(response.body())) {
                throw new IllegalStateException(
                        "Turn report refused: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void postBatch(int batch) {
        List<String> turns = new ArrayList<>(BATCH);
        for (int i = batch * BATCH; i < Math.min(TURNS, (batch + 1) * BATCH); i++) {
            // each an OpenAI turn, which opens its own conversation, as orchestrators report them
            turns.add(turnJson(UUID.randomUUID().toString(), "b" + i, "key_batched")
                    .replace("\"usageEstimated\":false", "\"usageEstimated\":false,\"opensConversation\":true"));
        }
        send("/internal/v1/turn-batches", "{\"turns\":[" + String.join(",", turns) + "]}", 200);
    }

    private String turnJson(String conversation, String turn, String key) {
        return """
                {"conversationId":"%s","turnId":"%s","workspaceId":"%s","keyId":"%s","api":"openai","model":"gpt-4o-mini",
                 "channelId":"ch_bench","question":"How far is the moon?","answer":"About 384,400 km on average.",
                 "finishReason":"stop","latencyMillis":850,"firstTokenMillis":120,"promptTokens":120,"completionTokens":40,
                 "cachedTokens":0,"costMicros":42,"priceVersion":"2026-11-01","usageEstimated":false,"endUserId":"alice"}
                """
                .formatted(conversation, turn, workspace, key);
    }

    private static double millis(List<Long> sorted, double quantile) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
