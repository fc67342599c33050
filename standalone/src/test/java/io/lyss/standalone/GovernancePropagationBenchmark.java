package io.lyss.standalone;

import static org.awaitility.Awaitility.await;

import io.lyss.orchestrator.governance.GovernanceFeed;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.security.keys.VirtualKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How long a governance change takes to reach every orchestrator instance: from the admin call returning to two
 * independent key views (each following the real Kafka topic with its own consumer) both applying it. Baseline in
 * the same run: the admin call's own duration. Not part of {@code ./lyss test}; run with
 * {@code ./lyss test -pl standalone -am -Dtest=NONE -Dit.test=GovernancePropagationBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dlyss.bench.rounds=N}, default 100).
 */
class GovernancePropagationBenchmark extends GovernancePlatform {

    private static final int ROUNDS = Integer.getInteger("lyss.bench.rounds", 100);
    private static final List<GovernanceView> VIEWS = List.of(new GovernanceView(), new GovernanceView());
    private static List<GovernanceFeed> feeds;

    @BeforeAll
    static void startInstances() {
        feeds = VIEWS.stream()
                .map(view -> new GovernanceFeed(view, PlatformUnderTest.INFRA.kafkaBootstrapServers()))
                .toList();
        feeds.forEach(GovernanceFeed::start);
        await().atMost(Duration.ofSeconds(120)).until(() -> feeds.stream().allMatch(GovernanceFeed::isCaughtUp));
    }

    @AfterAll
    static void stopInstances() {
        feeds.forEach(GovernanceFeed::stop);
    }

    @Test
    void measurePropagation() throws IOException {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-bench", "sk-bench");
        String ws = "/admin/v1/workspaces/" + tenant.workspaceId();
        untilBoth(view ->
                !view.channelsServing(tenant.workspaceId(), "mock-bench").isEmpty());
        Series revoke = new Series("key revoked");
        Series disable = new Series("channel disabled/enabled");
        Series models = new Series("key model list changed");
        for (int round = 0; round < ROUNDS; round++) {
            String key = calls.key(PLATFORM.adminToken, tenant.workspaceId(), "{\"name\":\"bench\"}")
                    .path("key")
                    .asText();
            String keyId = keyIdOf(tenant.workspaceId(), key);
            String hash = VirtualKeys.hash(key);
            untilBoth(view -> view.grantFor(hash).isPresent());

            String allowed = "model-" + round;
            long start = System.nanoTime();
            client.put(ws + "/keys/" + keyId + "/models", PLATFORM.adminToken, "{\"models\":[\"" + allowed + "\"]}");
            models.record(start, System.nanoTime(), untilBoth(view -> view.grantFor(hash)
                    .map(grant -> grant.allowedModels().equals(java.util.Set.of(allowed)))
                    .orElse(false)));

            boolean disabling = round % 2 == 0;
            start = System.nanoTime();
            client.post(
                    ws + "/channels/" + tenant.channelId() + (disabling ? "/disable" : "/enable"),
                    PLATFORM.adminToken,
                    "");
            disable.record(
                    start,
                    System.nanoTime(),
                    untilBoth(view -> view.channelsServing(tenant.workspaceId(), "mock-bench")
                                    .isEmpty()
                            == disabling));

            start = System.nanoTime();
            client.delete(ws + "/keys/" + keyId, PLATFORM.adminToken);
            revoke.record(start, System.nanoTime(), untilBoth(view -> view.grantFor(hash)
                    .isEmpty()));
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "Governance propagation to 2 independent orchestrator views, %d rounds each%n"
                        + "%-26s %12s %12s %12s %12s %14s%n",
                ROUNDS,
                "change",
                "call p50 ms",
                "call p99 ms",
                "prop p50 ms",
                "prop p99 ms",
                "p50 prop/call"));
        for (Series series : List.of(revoke, disable, models)) {
            report.append(series.line());
        }
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "governance-propagation.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private String keyIdOf(String workspaceId, String key) {
        String prefix = key.substring(0, VirtualKeys.KEY_PREFIX.length() + 6);
        for (var entry : client.get("/admin/v1/workspaces/" + workspaceId + "/keys", PLATFORM.adminToken)
                .json()) {
            if (entry.path("prefix").asText().equals(prefix)
                    && !entry.path("revoked").asBoolean()) {
                return entry.path("keyId").asText();
            }
        }
        throw new AssertionError("key not listed");
    }

    /** Waits until both views satisfy the condition; returns when the slower one did (nanoTime). */
    private static long untilBoth(Predicate<GovernanceView> applied) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean[] done = new boolean[VIEWS.size()];
        long last = 0;
        while (true) {
            boolean all = true;
            for (int i = 0; i < VIEWS.size(); i++) {
                if (!done[i] && applied.test(VIEWS.get(i))) {
                    done[i] = true;
                    last = System.nanoTime();
                }
                all &= done[i];
            }
            if (all) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a change did not reach both instances within 30 s");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** Durations of one kind of change. */
    private static final class Series {
        private final String name;
        private final List<Long> calls = new ArrayList<>();
        private final List<Long> propagations = new ArrayList<>();

        Series(String name) {
            this.name = name;
        }

        void record(long start, long callReturned, long appliedEverywhere) {
            calls.add(callReturned - start);
            propagations.add(Math.max(0, appliedEverywhere - callReturned));
        }

        String line() {
            double callP50 = percentile(calls, 50);
            double propP50 = percentile(propagations, 50);
            return String.format(
                    Locale.ROOT,
                    "%-26s %12.1f %12.1f %12.1f %12.1f %14.2f%n",
                    name,
                    callP50,
                    percentile(calls, 99),
                    propP50,
                    percentile(propagations, 99),
                    propP50 / callP50);
        }

        private static double percentile(List<Long> nanos, int percentile) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1_000_000.0;
        }
    }
}
