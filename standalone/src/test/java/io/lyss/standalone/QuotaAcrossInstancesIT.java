package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.infra.LocalInfrastructure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hard budgets and rate limits across two orchestrator instances: the standalone platform (instance A, with the
 * command side) and an orchestrator-only context (instance B) sharing its Kafka and command side, both calling a
 * real HTTP server that streams like OpenAI, against the real PostgreSQL and Kafka.
 */
class QuotaAcrossInstancesIT {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static final String ADMIN_TOKEN = "admin-" + random(24);
    private static final String INTERNAL_TOKEN = "internal-" + random(24);
    private static final String MASTER_KEY = SharedMasterKey.BASE64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENT_REQUESTS = 200;
    private static final long TOKEN_LIMIT = 1000;

    private static final int PORT_A = freePort();
    private static final int PORT_B = freePort();
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;
    private static MockOpenAiServer slowUpstream;

    private final PlatformClient admin = new PlatformClient(PORT_A);
    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    @BeforeAll
    static void startTwoInstances() throws IOException {
        slowUpstream = new MockOpenAiServer(Duration.ofMillis(40));
        List<String> shared = List.of(
                "--lyss.orchestrator.kafka-bootstrap-servers=" + INFRA.kafkaBootstrapServers(),
                "--lyss.orchestrator.command-side-url=http://127.0.0.1:" + PORT_A,
                "--lyss.security.master-key=" + MASTER_KEY,
                "--lyss.memory.enabled=false",
                "--lyss.security.admin-token=" + ADMIN_TOKEN,
                "--lyss.security.internal-token=" + INTERNAL_TOKEN,
                "--lyss.quota.lease-idle-return=1s",
                "--lyss.quota.lease-safety-margin=3s",
                "--spring.threads.virtual.enabled=true");
        List<String> a = new ArrayList<>(shared);
        a.addAll(List.of(
                "--server.port=" + PORT_A,
                "--spring.datasource.url=" + INFRA.postgresUrl(),
                "--spring.datasource.username=" + INFRA.postgresUser(),
                "--spring.datasource.password=" + INFRA.postgresPassword(),
                "--spring.elasticsearch.uris=" + INFRA.elasticsearchUrl(),
                "--lyss.relay.bootstrap-servers=" + INFRA.kafkaBootstrapServers(),
                "--lyss.query.kafka-bootstrap-servers=" + INFRA.kafkaBootstrapServers(),
                "--lyss.budget.lease-ttl=10s",
                "--lyss.budget.sweep-interval=500ms",
                "--lyss.quota.instance-id=instance-a"));
        instanceA = new SpringApplicationBuilder(LyssApplication.class).run(a.toArray(String[]::new));
        List<String> b = new ArrayList<>(shared);
        b.addAll(List.of("--server.port=" + PORT_B, "--lyss.quota.instance-id=instance-b"));
        instanceB = new SpringApplicationBuilder(OrchestratorOnly.class)
                .web(WebApplicationType.SERVLET)
                .run(b.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (instanceB != null) {
            instanceB.close();
        }
        if (instanceA != null) {
            instanceA.close();
        }
        slowUpstream.close();
    }

    @Test
    void twoHundredConcurrentStreamsNeverSpendPastTheBudgetAndAbortedStreamsSettle() throws Exception {
        Tenant tenant = newTenant("mock-budget");
        var budget = admin.post(
                "/admin/v1/workspaces/" + tenant.workspaceId() + "/budgets",
                ADMIN_TOKEN,
                "{\"scope\":\"workspace\",\"tokenLimit\":" + TOKEN_LIMIT + "}");
        assertThat(budget.status()).isEqualTo(201);
        String budgetId = budget.json().path("budgetId").asText();
        awaitBothInstancesKnow(tenant.workspaceId(), "budget");

        List<Outcome> outcomes = runConcurrently(tenant, "mock-budget", CONCURRENT_REQUESTS, true);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.status()).isIn(200, 429));
        List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 429).toList();
        assertThat(refused).isNotEmpty().allSatisfy(outcome -> {
            JsonNode error = JSON.readTree(outcome.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
            assertThat(error.path("code").asText()).isEqualTo("insufficient_quota");
            assertThat(error.path("param").isNull()).isTrue();
            assertThat(error.path("message").asText()).isNotBlank();
        });
        long served = outcomes.stream().filter(o -> o.status() == 200).count();
        assertThat(served).isPositive().isLessThan(CONCURRENT_REQUESTS / 2);
        assertThat(slowUpstream.received().stream()
                        .filter(sent -> sent.body().path("model").asText().equals("mock-budget")))
                .as("refused requests never reached the provider")
                .hasSize((int) served);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = budgetStatus(tenant, budgetId);
            assertThat(status.path("openLeases").asInt()).isZero();
            assertThat(ledgerTokens(tenant))
                    .isEqualTo(status.path("spentTokens").asLong());
            assertThat(recordedTurns(tenant)).isEqualTo(served);
        });
        assertThat(ledgerTokens(tenant)).isPositive().isLessThanOrEqualTo(TOKEN_LIMIT);
        System.out.printf(
                "budget %d tokens: %d streams served (%d aborted), %d refused, %d tokens recorded%n",
                TOKEN_LIMIT, served, abortedTurns(tenant), refused.size(), ledgerTokens(tenant));
        assertThat(abortedTurns(tenant))
                .as("client-aborted streams were settled and recorded")
                .isPositive();
        assertThat(leaseHolders(budgetId)).containsExactlyInAnyOrder("instance-a", "instance-b");
    }

    @Test
    void aLeaseOfAnInstanceThatDiedExpiresCountedAsSpentAndALateSettlementCorrectsIt() {
        Tenant tenant = newTenant("mock-crash");
        String budgetId = admin.post(
                        "/admin/v1/workspaces/" + tenant.workspaceId() + "/budgets",
                        ADMIN_TOKEN,
                        "{\"scope\":\"key\",\"scopeId\":\"" + tenant.keyId() + "\",\"tokenLimit\":500}")
                .json()
                .path("budgetId")
                .asText();
        var lease = admin.post(
                "/internal/v1/budgets/" + budgetId + "/leases",
                INTERNAL_TOKEN,
                """
                {"workspaceId":"%s","instanceId":"killed-mid-stream","minTokens":100,"desiredTokens":300,
                 "minCostMicros":0,"desiredCostMicros":0}
                """
                        .formatted(tenant.workspaceId()));
        assertThat(lease.status()).isEqualTo(200);
        assertThat(lease.json().path("tokens").asLong()).isEqualTo(300);
        assertThat(budgetStatus(tenant, budgetId).path("leasedTokens").asLong()).isEqualTo(300);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = budgetStatus(tenant, budgetId);
            assertThat(status.path("openLeases").asInt()).isZero();
            assertThat(status.path("spentTokens").asLong()).isEqualTo(300);
        });
        var late = admin.post(
                "/internal/v1/budgets/" + budgetId + "/leases/"
                        + lease.json().path("leaseId").asText() + "/settlement",
                INTERNAL_TOKEN,
                "{\"workspaceId\":\"%s\",\"spentTokens\":40,\"spentCostMicros\":0}".formatted(tenant.workspaceId()));
        assertThat(late.status()).isEqualTo(204);
        assertThat(budgetStatus(tenant, budgetId).path("spentTokens").asLong()).isEqualTo(40);
    }

    @Test
    void aRateLimitHoldsAcrossBothInstances() throws Exception {
        Tenant tenant = newTenant("mock-rate");
        long perMinute = 12;
        var limit = admin.post(
                "/admin/v1/workspaces/" + tenant.workspaceId() + "/rate-limits",
                ADMIN_TOKEN,
                "{\"scope\":\"key\",\"scopeId\":\"%s\",\"requestsPerMinute\":%d}".formatted(tenant.keyId(), perMinute));
        assertThat(limit.status()).isEqualTo(201);
        awaitBothInstancesKnow(tenant.keyId(), "rateLimit");
        // The burst must fall within one UTC minute for "at most the limit" to be the exact expectation.
        await().atMost(Duration.ofSeconds(61))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() % 60 < 30);

        List<Outcome> outcomes = runConcurrently(tenant, "mock-rate", 60, false);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.status()).isIn(200, 429));
        long served = outcomes.stream().filter(o -> o.status() == 200).count();
        assertThat(served).isPositive().isLessThanOrEqualTo(perMinute);
        List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 429).toList();
        assertThat(refused).hasSize(60 - (int) served).allSatisfy(outcome -> {
            assertThat(JSON.readTree(outcome.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(Long.parseLong(outcome.retryAfter())).isBetween(1L, 60L);
        });
        Long mostGrantedInAMinute = jdbc().queryForObject(
                        """
                SELECT max(granted) FROM (
                  SELECT sum((convert_from(payload, 'UTF8')::jsonb ->> 'requests')::bigint) AS granted
                  FROM lyss_command.domain_event_entry
                  WHERE aggregate_identifier = ? AND payload_type LIKE '%.RateLimitAllowanceGranted'
                  GROUP BY convert_from(payload, 'UTF8')::jsonb ->> 'windowStartEpochMinute') per_minute
                """,
                        Long.class, "rl_" + tenant.keyId());
        assertThat(mostGrantedInAMinute).isLessThanOrEqualTo(perMinute);
        System.out.printf("rate limit %d/min: %d served, %d refused%n", perMinute, served, refused.size());
    }

    private record Tenant(String workspaceId, String keyId, String key) {}

    private record Outcome(int status, String body, String retryAfter) {}

    private Tenant newTenant(String model) {
        String workspaceId = admin.post("/admin/v1/workspaces", ADMIN_TOKEN, "{\"name\":\"quota " + model + "\"}")
                .json()
                .path("id")
                .asText();
        var channel = admin.post(
                "/admin/v1/workspaces/" + workspaceId + "/channels",
                ADMIN_TOKEN,
                """
                {"name":"mock","provider":"openai-compatible","baseUrl":"%s","models":["%s"]}
                """
                        .formatted(slowUpstream.baseUrl(), model));
        assertThat(channel.status()).isEqualTo(201);
        JsonNode key = admin.post("/admin/v1/workspaces/" + workspaceId + "/keys", ADMIN_TOKEN, "{\"name\":\"k\"}")
                .json();
        var tenant =
                new Tenant(workspaceId, key.path("id").asText(), key.path("key").asText());
        for (int port : List.of(PORT_A, PORT_B)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new PlatformClient(port)
                            .get("/v1/models", tenant.key())
                            .body())
                    .contains("\"id\":\"" + model + "\""));
        }
        return tenant;
    }

    private void awaitBothInstancesKnow(String scopeId, String what) {
        for (int port : List.of(PORT_A, PORT_B)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new PlatformClient(port)
                            .get("/internal/v1/quota-view/" + scopeId, INTERNAL_TOKEN)
                            .json()
                            .path(what)
                            .isObject())
                    .isTrue());
        }
    }

    /** Sends the requests all at once, alternating instances; every other answered stream is abandoned mid-way. */
    private List<Outcome> runConcurrently(Tenant tenant, String model, int count, boolean abortSome) throws Exception {
        String body =
                """
                {"model":"%s","stream":true,"stream_options":{"include_usage":true},"max_tokens":8,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is the answer?"}]}
                """
                        .formatted(model);
        var answered = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int port = i % 2 == 0 ? PORT_A : PORT_B;
                futures.add(pool.submit(() -> stream(port, tenant.key(), body, abortSome, answered)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }
    }

    private Outcome stream(
            int port, String key, String body, boolean abortSome, java.util.concurrent.atomic.AtomicInteger answered) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                // the same question many times: without this the answer cache would serve most of them
                .header("X-Lyss-Cache", "off")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            boolean abortAfterFirstChunk =
                    abortSome && response.statusCode() == 200 && answered.getAndIncrement() % 2 == 0;
            try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                StringBuilder text = new StringBuilder();
                String line;
                while ((line = reader.readLine()) != null) {
                    text.append(line).append('\n');
                    if (abortAfterFirstChunk && response.statusCode() == 200 && line.contains("\"content\":\"The\"")) {
                        break; // the client leaves mid-stream
                    }
                }
                return new Outcome(response.statusCode(), text.toString(), retryAfter);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode budgetStatus(Tenant tenant, String budgetId) {
        return admin.get("/admin/v1/workspaces/" + tenant.workspaceId() + "/budgets/" + budgetId, ADMIN_TOKEN)
                .json();
    }

    private long ledgerTokens(Tenant tenant) {
        return jdbc().queryForObject(
                        """
                SELECT coalesce(sum((convert_from(payload, 'UTF8')::jsonb ->> 'promptTokens')::bigint
                                  + (convert_from(payload, 'UTF8')::jsonb ->> 'completionTokens')::bigint), 0)
                FROM lyss_command.domain_event_entry
                WHERE payload_type LIKE '%.TokensSpent' AND convert_from(payload, 'UTF8')::jsonb ->> 'workspaceId' = ?
                """,
                        Long.class, tenant.workspaceId());
    }

    private long recordedTurns(Tenant tenant) {
        return countTurns(tenant, "");
    }

    private long abortedTurns(Tenant tenant) {
        return countTurns(tenant, " AND convert_from(payload, 'UTF8')::jsonb ->> 'finishReason' = 'aborted'");
    }

    private long countTurns(Tenant tenant, String condition) {
        return jdbc().queryForObject(
                        "SELECT count(*) FROM lyss_command.domain_event_entry WHERE payload_type LIKE '%.TurnCompleted'"
                                + " AND convert_from(payload, 'UTF8')::jsonb ->> 'workspaceId' = ?" + condition,
                        Long.class,
                        tenant.workspaceId());
    }

    private List<String> leaseHolders(String budgetId) {
        return jdbc().queryForList(
                        """
                SELECT DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'instanceId'
                FROM lyss_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%.BudgetLeaseGranted'
                """,
                        String.class, budgetId);
    }

    private static JdbcTemplate jdbc() {
        return instanceA.getBean(JdbcTemplate.class);
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
