package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.infra.LocalInfrastructure;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's overhead, measured against calling the same mock upstream directly in the same run: latency at 1
 * and 50 connections and throughput (wrk), streaming time to first byte (JDK client), with every gateway request
 * recorded as events in the real event store. Each gateway (and the JIT) is warmed up first under the same load
 * ({@code lyss.bench.warm-up-seconds}), and every phase starts once the turns of the phases before it are recorded,
 * relayed and projected; the sustained rate counts the time the last phase's recording needed after its load ended,
 * and the time until the relay and every projection had it too is printed beside it. Not part of
 * {@code ./lyss test}; run it with the command in docs/benchmarks.md. It prints figures and checks only that every
 * request was recorded.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class GatewayOverheadBenchmark {

    private static final PlatformUnderTest PLATFORM = new PlatformUnderTest();
    private static final LocalInfrastructure INFRA = PlatformUnderTest.INFRA;
    private static final int PORT = PLATFORM.port;
    private static final String ADMIN_TOKEN = PLATFORM.adminToken;
    private static final int SECONDS = Integer.getInteger("lyss.bench.seconds", 10);
    private static final int WARM_UP_SECONDS = Integer.getInteger("lyss.bench.warm-up-seconds", 30);
    /** A projection's lag is read after each of its fetches: it must stay 0 this long to count. */
    private static final Duration LAG_HELD = Duration.ofSeconds(2);

    private static final String BODY =
            "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the answer?\"}]}";
    private static final String STREAM_BODY = BODY.replace("{\"model\"", "{\"stream\":true,\"model\"");

    private final PlatformClient client = new PlatformClient(PORT);
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        PLATFORM.register(properties);
        properties.add("logging.level.io.lyss", () -> "WARN");
    }

    @Test
    void gatewayOverheadAgainstTheSameUpstreamCalledDirectly() throws Exception {
        assertThat(Wrk.available())
                .as("wrk is installed (apt-get install -y wrk)")
                .isTrue();
        try (var upstream = new BenchUpstream()) {
            String workspaceId = tenant(upstream.baseUrl());
            String key = keyOf(workspaceId);
            String direct = upstream.baseUrl() + "/chat/completions";
            String gateway = "http://127.0.0.1:" + PORT + "/v1/chat/completions";
            Map<String, String> gatewayHeaders = Map.of("Authorization", "Bearer " + key, "X-Lyss-Cache", "off");

            // The JIT needs tens of seconds of this load before the request path runs compiled; the warm-up's turns
            // are recorded before anything is measured, so no phase pays for an earlier phase's recording.
            long before = lastGlobalIndex();
            var warmUp = Wrk.run(gateway, BODY, gatewayHeaders, 50, WARM_UP_SECONDS);
            Wrk.run(direct, BODY, Map.of(), 4, 3);
            var recorded = new Recorded(before, warmUp.requests() - warmUp.errors());
            recorded.awaitAll();
            awaitProjected();

            var direct1 = Wrk.run(direct, BODY, Map.of(), 1, SECONDS);
            var gateway1 = Wrk.run(gateway, BODY, gatewayHeaders, 1, SECONDS);
            recorded.add(gateway1).awaitAll();
            awaitProjected();
            var direct50 = Wrk.run(direct, BODY, Map.of(), 50, SECONDS);
            var servingCpu = ServingCpu.start();
            var gc = PhaseGc.start();
            var gateway50 = Wrk.run(gateway, BODY, gatewayHeaders, 50, SECONDS);
            double[] cpuPerRequest = servingCpu.microsPerRequest(gateway50.requests());
            String gcAt50 = gc.since();
            double recordedAfter = recorded.add(gateway50).awaitAll();
            double projectedAfter = recordedAfter + awaitProjected();
            // the same direct load again once everything is recorded: how much the machine's speed moved meanwhile
            var direct50After = Wrk.run(direct, BODY, Map.of(), 50, SECONDS);
            double[] ttfbDirect = firstByteMillis(direct, Map.of(), 300);
            double[] ttfbGateway = firstByteMillis(gateway, gatewayHeaders, 300);
            recorded.add(350).awaitAll();
            awaitProjected(); // so that the next run starts with nothing left to relay or project
            Wrk.Result[] portkey = portkey(upstream.baseUrl());
            long sent = warmUp.requests() + gateway1.requests() + gateway50.requests() + 350;

            print(direct1, gateway1, direct50, gateway50, ttfbDirect, ttfbGateway, sent, recordedAfter, projectedAfter);
            printCpu(cpuPerRequest);
            System.out.println("garbage collections during the gateway's 50-connection phase: " + gcAt50);
            printMachineDrift(direct50, gateway50, direct50After);
            printPortkey(portkey, direct1, gateway1, direct50, gateway50);
        }
    }

    private void print(
            Wrk.Result direct1,
            Wrk.Result gateway1,
            Wrk.Result direct50,
            Wrk.Result gateway50,
            double[] ttfbDirect,
            double[] ttfbGateway,
            long sent,
            double recordedAfter,
            double projectedAfter) {
        var out = new StringBuilder("\n=== Lyss gateway overhead (same mock upstream, same run; ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, heap up to ")
                .append(Runtime.getRuntime().maxMemory() >> 20)
                .append(" MiB) ===\n");
        out.append(String.format(Locale.ROOT, "%-34s %10s %10s %12s %8s%n", "", "p50 ms", "p99 ms", "req/s", "errors"));
        row(out, "direct, 1 connection", direct1);
        row(out, "gateway, 1 connection", gateway1);
        row(out, "direct, 50 connections", direct50);
        row(out, "gateway, 50 connections", gateway50);
        out.append(String.format(
                Locale.ROOT,
                "overhead p50 @1: %.3f ms | p99 @1: %.3f ms | p50 @50: %.3f ms | p99 @50: %.3f ms%n",
                gateway1.p50Millis() - direct1.p50Millis(),
                gateway1.p99Millis() - direct1.p99Millis(),
                gateway50.p50Millis() - direct50.p50Millis(),
                gateway50.p99Millis() - direct50.p99Millis()));
        out.append(String.format(
                Locale.ROOT,
                "throughput ratio gateway/direct @50: %.2f%n",
                gateway50.requestsPerSecond() / direct50.requestsPerSecond()));
        // a tail that blows up grows faster than the median; on saturated cores both grow with the queue
        out.append(String.format(
                Locale.ROOT,
                "tail @50 (p99 / p50): direct %.1f, gateway %.1f%n",
                direct50.p99Millis() / direct50.p50Millis(),
                gateway50.p99Millis() / gateway50.p50Millis()));
        out.append(String.format(
                Locale.ROOT,
                "streaming time to first byte p50/p99: direct %.3f/%.3f ms, gateway %.3f/%.3f ms%n",
                ttfbDirect[0],
                ttfbDirect[1],
                ttfbGateway[0],
                ttfbGateway[1]));
        out.append(String.format(
                Locale.ROOT,
                "events: %d gateway requests, every one recorded as TokensSpent; the 50-connection phase's last"
                        + " one %.1f s after its load ended%n",
                sent,
                recordedAfter));
        out.append(String.format(
                Locale.ROOT,
                "sustained @50 (served and recorded): %.0f requests/s; relayed and in every read model %.1f s after"
                        + " the load ended (%.0f requests/s)%n",
                gateway50.requests() / (SECONDS + recordedAfter),
                projectedAfter,
                gateway50.requests() / (SECONDS + projectedAfter)));
        System.out.println(out);
    }

    private static void printCpu(double[] microsPerRequest) {
        System.out.printf(
                Locale.ROOT,
                "CPU per gateway request @50: %.0f µs on the request threads, %.0f µs in the whole JVM (the mock"
                        + " upstream and the recording that ran meanwhile included)%n",
                microsPerRequest[0],
                microsPerRequest[1]);
    }

    /**
     * This VM's speed moves by a third between minutes (docs/benchmarks.md): the direct path measured before and after
     * the gateway's phase brackets the speed the gateway had.
     */
    private static void printMachineDrift(Wrk.Result before, Wrk.Result gateway, Wrk.Result after) {
        System.out.printf(
                Locale.ROOT,
                "direct @50 before/after the gateway's phase: %.0f / %.0f requests/s; gateway/direct @50: %.2f / %.2f%n",
                before.requestsPerSecond(),
                after.requestsPerSecond(),
                gateway.requestsPerSecond() / before.requestsPerSecond(),
                gateway.requestsPerSecond() / after.requestsPerSecond());
    }

    /** Portkey at 1 and 50 connections against the same upstream, or null when it could not be started. */
    private static Wrk.Result[] portkey(String upstreamBaseUrl) throws Exception {
        try (PortkeyGateway portkey = PortkeyGateway.start()) {
            if (portkey == null) {
                return null;
            }
            Map<String, String> headers = PortkeyGateway.headersFor(upstreamBaseUrl);
            Wrk.run(portkey.chatUrl(), BODY, headers, 50, WARM_UP_SECONDS); // the same warm-up as Lyss
            return new Wrk.Result[] {
                Wrk.run(portkey.chatUrl(), BODY, headers, 1, SECONDS),
                Wrk.run(portkey.chatUrl(), BODY, headers, 50, SECONDS)
            };
        }
    }

    private static void printPortkey(
            Wrk.Result[] portkey, Wrk.Result direct1, Wrk.Result gateway1, Wrk.Result direct50, Wrk.Result gateway50) {
        if (portkey == null) {
            System.out.println("Portkey gateway: not run (node/npm missing or it did not start)");
            return;
        }
        var out = new StringBuilder("=== Portkey open-source gateway 1.15.2, same upstream, same run ===\n");
        row(out, "portkey, 1 connection", portkey[0]);
        row(out, "portkey, 50 connections", portkey[1]);
        out.append(String.format(
                Locale.ROOT,
                "overhead p50 @1: lyss %.3f ms vs portkey %.3f ms | throughput @50: lyss/portkey = %.2f"
                        + " | tail @50 (p99 / p50): lyss %.1f, portkey %.1f%n",
                gateway1.p50Millis() - direct1.p50Millis(),
                portkey[0].p50Millis() - direct1.p50Millis(),
                gateway50.requestsPerSecond() / portkey[1].requestsPerSecond(),
                gateway50.p99Millis() / gateway50.p50Millis(),
                portkey[1].p99Millis() / portkey[1].p50Millis()));
        out.append("(Portkey records nothing here; Lyss records every request as events.)\n");
        System.out.println(out);
    }

    private static void row(StringBuilder out, String name, Wrk.Result result) {
        out.append(String.format(
                Locale.ROOT,
                "%-34s %10.3f %10.3f %12.0f %8d%n",
                name,
                result.p50Millis(),
                result.p99Millis(),
                result.requestsPerSecond(),
                result.errors()));
    }

    /** p50 and p99 of the time from sending a streaming request to its first body byte, one request at a time. */
    private double[] firstByteMillis(String url, Map<String, String> headers, int requests) throws Exception {
        double[] samples = new double[requests];
        for (int i = -50; i < requests; i++) {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(STREAM_BODY));
            headers.forEach(request::header);
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                body.read();
                long firstByte = System.nanoTime();
                body.readAllBytes();
                if (i >= 0) {
                    samples[i] = (firstByte - start) / 1e6;
                }
            }
        }
        Arrays.sort(samples);
        return new double[] {samples[requests / 2], samples[(int) (requests * 0.99)]};
    }

    /** Counts the gateway requests answered so far and waits until each is a {@code TokensSpent} event. */
    private final class Recorded {
        private final long after;
        private long answered;

        /**
         * Counts the {@code TokensSpent} events appended after {@code globalIndex} (only this run's gateway requests
         * spend after it), by type alone: polling must not cost the machine what it measures.
         */
        Recorded(long globalIndex, long answered) {
            this.after = globalIndex;
            this.answered = answered;
        }

        Recorded add(Wrk.Result run) {
            return add(run.requests() - run.errors());
        }

        Recorded add(long requests) {
            answered += requests;
            return this;
        }

        /** Waits until every request answered so far is recorded; returns how long that took, in seconds. */
        double awaitAll() {
            long started = System.nanoTime();
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> spentEventsAfter(after) >= answered);
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /**
     * Waits until the relay has put every stored event on Kafka and every projection has read it, so that the
     * figures of the next phase (or run) are not those of a platform still projecting; returns the seconds it took
     * (not counting the {@link #LAG_HELD} for which no projection may lag before it counts as caught up).
     */
    private double awaitProjected() {
        long started = System.nanoTime();
        long last = lastGlobalIndex();
        await().atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> relayedUpTo() >= last);
        await().atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofMillis(500))
                .during(LAG_HELD)
                .until(this::everyProjectionCaughtUp);
        return Math.max(0, (System.nanoTime() - started) / 1e9 - LAG_HELD.toSeconds());
    }

    private long relayedUpTo() {
        Long index = jdbc.queryForObject(
                """
                SELECT max((convert_from(token, 'UTF8')::json ->> 'index')::bigint)
                FROM lyss_command.token_entry WHERE processor_name = 'kafka-relay'
                """,
                Long.class);
        return index == null ? -1 : index;
    }

    private boolean everyProjectionCaughtUp() {
        JsonNode projections = client.get("/admin/v1/projections", ADMIN_TOKEN).json();
        return projections.isArray()
                && !projections.isEmpty()
                && StreamSupport.stream(projections.spliterator(), false)
                        .allMatch(projection -> projection.path("totalLag").asLong(-1) == 0);
    }

    private long lastGlobalIndex() {
        Long last = jdbc.queryForObject("SELECT max(global_index) FROM lyss_command.domain_event_entry", Long.class);
        return last == null ? 0 : last;
    }

    private long spentEventsAfter(long globalIndex) {
        Long count = jdbc.queryForObject(
                """
                SELECT count(*) FROM lyss_command.domain_event_entry
                WHERE global_index > ? AND payload_type LIKE '%.TokensSpent'
                """,
                Long.class, globalIndex);
        return count == null ? 0 : count;
    }

    private String tenant(String upstreamUrl) {
        String workspaceId = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"bench\"}")
                .json()
                .path("id")
                .asText();
        var channel = client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                """
                {"name":"bench","provider":"openai-compatible","baseUrl":"%s","models":["bench-model"],"apiKey":"sk-bench"}
                """
                        .formatted(upstreamUrl));
        assertThat(channel.status()).isEqualTo(201);
        return workspaceId;
    }

    private String keyOf(String workspaceId) {
        String key = client.post("/admin/v1/workspaces/" + workspaceId + "/keys", ADMIN_TOKEN, "{\"name\":\"bench\"}")
                .json()
                .path("key")
                .asText();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(client.get("/v1/models", key).body()).contains("bench-model"));
        return key;
    }
}
