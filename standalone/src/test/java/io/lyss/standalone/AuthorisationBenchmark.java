package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.quota.Admission;
import io.lyss.orchestrator.quota.QuotaAdmission;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark, not a test (run it on purpose; figures in docs/benchmarks.md):
 *
 * <pre>./lyss test -pl standalone -am -Dtest=none -Dit.test=AuthorisationBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>Starts the standalone platform on the real PostgreSQL and Kafka, then measures, in one run: the cost per
 * request of authentication plus authorisation (key view lookup, model check, rate limit, budget lease
 * reservation and settlement) in ns/op against baselines (parsing the request body; authentication alone), and
 * the rate at which events are appended through Axon to PostgreSQL.
 */
class AuthorisationBenchmark {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static final String ADMIN_TOKEN = "admin-" + random(24);
    private static final String INTERNAL_TOKEN = "internal-" + random(24);
    private static final String MODEL = "bench-model";
    private static final byte[] BODY =
            """
            {"model":"bench-model","stream":true,"max_tokens":256,
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is the answer?"}]}
            """
                    .getBytes(StandardCharsets.UTF_8);
    private static final List<PromptMessage> MESSAGES =
            List.of(new PromptMessage("system", "Be brief."), new PromptMessage("user", "What is the answer?"));

    @Test
    void measure() throws Exception {
        int port = freePort();
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(LyssApplication.class)
                .run(
                        "--server.port=" + port,
                        "--spring.datasource.url=" + INFRA.postgresUrl(),
                        "--spring.datasource.username=" + INFRA.postgresUser(),
                        "--spring.datasource.password=" + INFRA.postgresPassword(),
                        "--spring.elasticsearch.uris=" + INFRA.elasticsearchUrl(),
                        "--lyss.relay.bootstrap-servers=" + INFRA.kafkaBootstrapServers(),
                        "--lyss.query.kafka-bootstrap-servers=" + INFRA.kafkaBootstrapServers(),
                        "--lyss.orchestrator.kafka-bootstrap-servers=" + INFRA.kafkaBootstrapServers(),
                        "--lyss.orchestrator.command-side-url=http://127.0.0.1:" + port,
                        "--lyss.security.master-key=" + Base64.getEncoder().encodeToString(bytes(32)),
                        "--lyss.memory.enabled=false",
                        "--lyss.security.admin-token=" + ADMIN_TOKEN,
                        "--lyss.security.internal-token=" + INTERNAL_TOKEN,
                        "--logging.level.root=WARN")) {
            var client = new PlatformClient(port);
            String governed = newKey(client, true);
            String ungoverned = newKey(client, false);
            KeyAuthenticator authenticator = platform.getBean(KeyAuthenticator.class);
            QuotaAdmission quota = platform.getBean(QuotaAdmission.class);
            ObjectMapper json = new ObjectMapper();
            String governedHeader = "Bearer " + governed;
            String ungovernedHeader = "Bearer " + ungoverned;

            System.out.println(
                    "\n== Authentication + authorisation per request (1 thread, median of 7 interleaved rounds) ==");
            var estimator = new io.lyss.orchestrator.chat.TokenEstimator();
            List<Operation> operations = List.of(
                    new Operation("baseline: parse the request body (Jackson readTree)", () -> {
                        try {
                            return json.readTree(BODY).size();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }),
                    new Operation("authentication only (SHA-256 + key view lookup)", () -> authenticator
                            .authenticate(governedHeader)
                            .keyId()
                            .length()),
                    new Operation(
                            "for scale: o200k tokenizer count of the prompt (not on the path)",
                            () -> estimator.prompt(MESSAGES)),
                    new Operation(
                            "authn + model check + admission, key without budget/rate limit",
                            () -> authorise(authenticator, quota, ungovernedHeader)),
                    new Operation(
                            "authn + model check + rate limit + budget lease reserve/settle",
                            () -> authorise(authenticator, quota, governedHeader)));
            double[][] measured = measure(operations);
            double[] nanos = measured[0];
            double[] minima = measured[1];
            System.out.printf(
                    "ratios: full/parse = %.2f, full/authn = %.2f, no-quota/authn = %.2f%n",
                    nanos[4] / nanos[0], nanos[4] / nanos[1], nanos[3] / nanos[1]);
            System.out.printf(
                    "ratios of minima: full/parse = %.2f, full/authn = %.2f%n",
                    minima[4] / minima[0], minima[4] / minima[1]);
            double parallel = throughput(authenticator, quota, governedHeader, 2, Duration.ofSeconds(5));
            System.out.printf("full authorisation on 2 threads: %.0f requests/s%n", parallel);

            System.out.println("\n== Event-store append rate through Axon to PostgreSQL ==");
            CommandGateway commands = platform.getBean(CommandGateway.class);
            JdbcTemplate jdbc = platform.getBean(JdbcTemplate.class);
            for (int writers : List.of(1, 8)) {
                double baseline = commitRate(jdbc, writers, Duration.ofSeconds(10));
                double events = appendRate(commands, writers, Duration.ofSeconds(10));
                System.out.printf(
                        "%d writer(s): Axon %.0f events/s = %.2f x the baseline's transactions/s%n",
                        writers, events, events / baseline);
            }
        }
    }

    private static long authorise(KeyAuthenticator authenticator, QuotaAdmission quota, String header) {
        KeyGrant grant = authenticator.authenticate(header);
        if (!grant.mayCall(MODEL)) {
            throw new IllegalStateException("model refused");
        }
        try (Admission admission = quota.admit(grant.workspaceId(), grant.keyId(), MODEL, () -> MESSAGES, 256)) {
            admission.settle(new TokenCounts(17, 6, 0, false));
            return admission.completionTokenCap(256);
        }
    }

    private record Operation(String name, LongSupplier body) {}

    /** Runs every operation in turn, round after round, so that changing load on a shared machine hits all alike. */
    private static double[][] measure(List<Operation> operations) {
        long sink = 0;
        int batch = 20_000;
        int roundCount = 7;
        for (Operation operation : operations) {
            for (int i = 0; i < 10 * batch; i++) {
                sink += operation.body().getAsLong();
            }
        }
        double[][] rounds = new double[operations.size()][roundCount];
        for (int round = 0; round < roundCount; round++) {
            for (int o = 0; o < operations.size(); o++) {
                LongSupplier body = operations.get(o).body();
                long start = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    sink += body.getAsLong();
                }
                rounds[o][round] = (System.nanoTime() - start) / (double) batch;
            }
        }
        double[] medians = new double[operations.size()];
        double[] minima = new double[operations.size()];
        for (int o = 0; o < operations.size(); o++) {
            Arrays.sort(rounds[o]);
            medians[o] = rounds[o][roundCount / 2];
            minima[o] = rounds[o][0];
            System.out.printf(
                    "%-68s %9.0f ns/op (min %.0f)%n", operations.get(o).name(), medians[o], rounds[o][0]);
        }
        System.out.println("(checksum " + sink % 10 + ")");
        return new double[][] {medians, minima};
    }

    private static double throughput(
            KeyAuthenticator authenticator, QuotaAdmission quota, String header, int threads, Duration duration)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    authorise(authenticator, quota, header);
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.get() / (duration.toNanos() / 1e9);
    }

    /** Records one-turn conversations (3 events each: started, turn, tokens spent) for a while; prints events/s. */
    /** Baseline: plain JDBC, one small INSERT committed per transaction (what an append costs at the least). */
    private static double commitRate(JdbcTemplate jdbc, int writers, Duration duration) throws Exception {
        jdbc.execute("CREATE TABLE IF NOT EXISTS public.lyss_bench_commit (id text PRIMARY KEY, payload bytea)");
        AtomicLong commits = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        jdbc.update(
                                "INSERT INTO public.lyss_bench_commit VALUES (?, ?)",
                                UUID.randomUUID().toString(),
                                new byte[400]);
                        commits.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        jdbc.execute("DROP TABLE public.lyss_bench_commit");
        double perSecond = commits.get() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%d writer(s): baseline JDBC %.0f single-row transactions/s%n", writers, perSecond);
        return perSecond;
    }

    private static double appendRate(CommandGateway commands, int writers, Duration duration) throws Exception {
        AtomicLong turns = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String id = UUID.randomUUID().toString().replace("-", "");
                        commands.sendAndWait(new RecordTurn(
                                "conv_bench_" + id,
                                id,
                                "ws_bench",
                                "key_bench",
                                "openai",
                                MODEL,
                                "ch_bench",
                                "question",
                                "answer",
                                "stop",
                                100,
                                10,
                                17,
                                6,
                                0,
                                0,
                                "bench",
                                false,
                                null));
                        turns.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%d writer(s): %d commands, %.0f events/s appended (%.0f commands/s)%n",
                writers, turns.get(), 3 * turns.get() / seconds, turns.get() / seconds);
        return 3 * turns.get() / seconds;
    }

    /** A workspace with a channel and a key; with a budget and a rate limit far above what the run spends. */
    private static String newKey(PlatformClient client, boolean governed) {
        String workspaceId = client.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"bench\"}")
                .json()
                .path("id")
                .asText();
        client.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                "{\"name\":\"c\",\"provider\":\"openai-compatible\",\"baseUrl\":\"http://127.0.0.1:9/v1\",\"models\":[\""
                        + MODEL + "\"]}");
        var key = client.post("/admin/v1/workspaces/" + workspaceId + "/keys", ADMIN_TOKEN, "{\"name\":\"k\"}")
                .json();
        String keyId = key.path("id").asText();
        if (governed) {
            client.post(
                    "/admin/v1/workspaces/" + workspaceId + "/budgets",
                    ADMIN_TOKEN,
                    "{\"scope\":\"workspace\",\"tokenLimit\":1000000000000}");
            client.post(
                    "/admin/v1/workspaces/" + workspaceId + "/rate-limits",
                    ADMIN_TOKEN,
                    "{\"scope\":\"key\",\"scopeId\":\"" + keyId + "\",\"requestsPerMinute\":1000000000}");
            for (String scope : List.of(workspaceId, keyId)) {
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(client.get("/internal/v1/quota-view/" + scope, INTERNAL_TOKEN)
                                        .body())
                                .contains("\"" + scope + "\""));
            }
        }
        String plain = key.path("key").asText();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(client.get("/v1/models", plain).body()).contains(MODEL));
        return plain;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String random(int length) {
        return HexFormat.of().formatHex(bytes(length)).substring(0, length);
    }
}
