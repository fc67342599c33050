package io.lyss.query;

import static io.lyss.query.support.TopicPublisher.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.RequestRejected;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.events.workflow.NodeRun;
import io.lyss.events.workflow.WorkflowRunRecorded;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.query.support.AdminHttp;
import io.lyss.query.support.QueryTestApplication;
import io.lyss.query.support.TopicPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side as a running web application over the real PostgreSQL, Kafka and Elasticsearch, fed with events
 * published to the real topic in the relay's format. Every event is published twice, as the relay does after a crash.
 */
@SpringBootTest(classes = QueryTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuerySideIT {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static final String ADMIN_TOKEN = "query-it-admin-token";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TopicPublisher topic;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private AdminHttp admin;
    private final String workspace = "ws_" + UUID.randomUUID().toString().replace("-", "");
    private final String key = "key_" + UUID.randomUUID().toString().substring(0, 8);
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", INFRA::postgresUrl);
        properties.add("spring.datasource.username", INFRA::postgresUser);
        properties.add("spring.datasource.password", INFRA::postgresPassword);
        properties.add("spring.elasticsearch.uris", INFRA::elasticsearchUrl);
        properties.add("spring.flyway.enabled", () -> "false");
        properties.add("lyss.query.kafka-bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.security.admin-token", () -> ADMIN_TOKEN);
    }

    @BeforeAll
    static void connect() {
        topic = new TopicPublisher(INFRA.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        topic.close();
    }

    @BeforeEach
    void client() {
        admin = new AdminHttp(port, ADMIN_TOKEN);
    }

    @Test
    void usageBillingCacheSavingsAndErrorsCountEachEventOnceThoughDeliveredTwice() {
        String conversation = "conv_" + UUID.randomUUID();
        String model = "gpt \"mini\", large";
        twice(List.of(
                envelope(new ApiKeyIssued(key, workspace, "ci", "hash", "lys_ab", List.of(), "u_owner"), key),
                envelope(turn(conversation, "t1", model, "stop", "alice"), conversation),
                envelope(spent("t1", model, 100, 20, 5, 300, "2026-11-01"), conversation),
                envelope(turn(conversation, "t2", model, "error", "bob"), conversation),
                envelope(spent("t2", model, 50, 0, 0, 100, "2026-12-01"), conversation),
                envelope(new RequestRejected("r3", workspace, key, model, 429, "insufficient_quota", "budget"), "r3"),
                envelope(
                        new CacheHit("r4", workspace, key, model, "exact", "t1", 1.0, 100, 20, 300, "2026-11-01"),
                        "r4")));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode usage = admin.get(usagePath("?groupBy=")).json();
            assertThat(usage.at("/totals/requests").asLong()).isEqualTo(2);
            assertThat(usage.at("/totals/errors").asLong()).isEqualTo(2);
            assertThat(admin.get(billingPath(""))
                            .json()
                            .at("/cacheSavedCostMicros")
                            .asLong())
                    .isEqualTo(300);
        });
        JsonNode totals = admin.get(usagePath("?groupBy=")).json().path("totals");
        assertThat(totals.path("promptTokens").asLong()).isEqualTo(150);
        assertThat(totals.path("completionTokens").asLong()).isEqualTo(20);
        assertThat(totals.path("cachedTokens").asLong()).isEqualTo(5);
        assertThat(totals.path("costMicros").asLong()).isEqualTo(400);

        JsonNode byEndUser = admin.get(usagePath("?groupBy=endUser")).json().path("rows");
        assertThat(byEndUser).hasSize(3);
        assertThat(row(byEndUser, "endUserId", "alice").path("requests").asLong())
                .isEqualTo(1);
        assertThat(row(byEndUser, "endUserId", "alice").path("promptTokens").asLong())
                .isEqualTo(100);
        assertThat(row(byEndUser, "endUserId", "bob").path("errors").asLong()).isEqualTo(1);
        assertThat(row(byEndUser, "endUserId", "").path("errors").asLong())
                .as("the rejected request")
                .isEqualTo(1);

        JsonNode byOwner = admin.get(usagePath("?groupBy=owner,day")).json().path("rows");
        assertThat(byOwner).hasSize(1);
        assertThat(byOwner.at("/0/ownerUserId").asText()).isEqualTo("u_owner");
        assertThat(byOwner.at("/0/day").asText()).isEqualTo(today);
        assertThat(byOwner.at("/0/requests").asLong()).isEqualTo(2);

        JsonNode bill = admin.get(billingPath("")).json();
        assertThat(bill.path("lines")).hasSize(2);
        assertThat(bill.at("/lines/0/priceVersion").asText()).isEqualTo("2026-11-01");
        assertThat(bill.at("/lines/0/costMicros").asLong()).isEqualTo(300);
        assertThat(bill.at("/lines/1/priceVersion").asText()).isEqualTo("2026-12-01");
        assertThat(bill.at("/lines/1/costMicros").asLong()).isEqualTo(100);
        assertThat(bill.path("totalCostMicros").asLong()).isEqualTo(400);

        JsonNode savings = admin.get("/admin/v1/workspaces/" + workspace + "/cache-savings")
                .json();
        assertThat(savings.at("/lines/0/hits").asLong()).isEqualTo(1);
        assertThat(savings.at("/lines/0/savedPromptTokens").asLong()).isEqualTo(100);
    }

    @Test
    void usageAndBillingExportAsCsvWithStableColumnsAndEscaping() {
        String conversation = "conv_" + UUID.randomUUID();
        String model = "=evil \"model\", v2";
        twice(List.of(
                envelope(turn(conversation, "t1", model, "stop", null), conversation),
                envelope(spent("t1", model, 10, 2, 0, 7, "2026-11-01"), conversation)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(admin.get(usagePath("?groupBy="))
                        .json()
                        .at("/totals/requests")
                        .asLong())
                .isEqualTo(1));

        AdminHttp.Response csv = admin.get(usagePath("?format=csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines.getFirst())
                .isEqualTo(
                        "day,key_id,owner_user_id,end_user_id,model,channel_id,price_version,requests,"
                                + "estimated_requests,errors,prompt_tokens,completion_tokens,total_tokens,cached_tokens,cost_micros");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .isEqualTo(today + "," + key + ",,,\"'=evil \"\"model\"\", v2\",ch_1,,1,0,0,10,2,12,0,7");

        AdminHttp.Response billing = admin.get(billingPath("&format=csv"));
        assertThat(billing.contentType()).startsWith("text/csv");
        assertThat(billing.body())
                .isEqualTo("price_version,model,first_day,last_day,requests,prompt_tokens,completion_tokens,"
                        + "cached_tokens,cost_micros\r\n2026-11-01,\"'=evil \"\"model\"\", v2\"," + today + "," + today
                        + ",1,10,2,0,7\r\n");
    }

    @Test
    void badParametersAreAnsweredWithProblemJson() {
        assertProblem(admin.get(usagePath("?groupBy=day,planet")), 400, "groupBy");
        assertProblem(admin.get(usagePath("?format=xml")), 400, "format");
        assertProblem(admin.get(usagePath("?from=2026-11-10&to=2026-11-01")), 400, "from");
        assertThat(admin.get(usagePath("?from=2026-13-45")).status()).isEqualTo(400);
        assertThat(admin.get(usagePath("?from=2026-13-45")).contentType()).startsWith("application/problem+json");
        assertProblem(admin.get("/admin/v1/workspaces/" + workspace + "/audit?limit=0"), 400, "limit");
        assertProblem(
                admin.get("/admin/v1/workspaces/" + workspace + "/reports/as-of?position=1&at=2026-11-01T00:00:00Z"),
                400,
                "position");
        assertThat(admin.get("/admin/v1/projections/nope/dead-letters").status())
                .isEqualTo(404);
        assertThat(admin.getWithoutToken(usagePath("")).status()).isEqualTo(401);
    }

    @Test
    void theAuditLogRecordsWhoDidWhatAndWhenWithoutSecrets() {
        String channel = "ch_" + UUID.randomUUID();
        EventEnvelope issued = envelope(
                new ApiKeyIssued(key, workspace, "ci", "deadbeefhash", "lys_ab", List.of(), null),
                key,
                "ADMIN_TOKEN:bootstrap-admin",
                Instant.parse("2026-11-20T10:00:00Z"));
        EventEnvelope added = envelope(
                new ChannelAdded(
                        channel,
                        workspace,
                        "openai",
                        ProviderType.OPENAI,
                        "https://api.openai.com",
                        List.of("gpt-4o"),
                        1,
                        1,
                        new SealedSecret("mk1", "bm9uY2U=", "c2VhbGVkLXNlY3JldA==")),
                channel,
                "USER:u_1",
                Instant.parse("2026-11-21T10:00:00Z"));
        EventEnvelope revoked =
                envelope(new ApiKeyRevoked(key, workspace), key, "USER:u_1", Instant.parse("2026-11-22T10:00:00Z"));
        twice(List.of(issued, added, revoked));

        String audit = "/admin/v1/workspaces/" + workspace + "/audit";
        await().atMost(PATIENCE)
                .untilAsserted(() ->
                        assertThat(admin.get(audit).json().path("entries")).hasSize(3));
        JsonNode entries = admin.get(audit).json().path("entries");
        assertThat(entries.at("/0/type").asText()).isEqualTo("governance.ApiKeyRevoked");
        assertThat(entries.at("/2/actor").asText()).isEqualTo("ADMIN_TOKEN:bootstrap-admin");
        assertThat(entries.at("/2/occurredAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(admin.get(audit + "?actor=USER:u_1").json().path("entries")).hasSize(2);
        assertThat(admin.get(audit + "?type=governance.ChannelAdded").json().path("entries"))
                .hasSize(1);
        assertThat(admin.get(audit + "?from=2026-11-21T00:00:00Z&to=2026-11-21T23:00:00Z")
                        .json()
                        .path("entries"))
                .hasSize(1);
        JsonNode page = admin.get(audit + "?limit=2").json();
        assertThat(page.path("entries")).hasSize(2);
        assertThat(admin.get(audit + "?limit=2&before="
                                + page.path("nextBefore").asLong())
                        .json()
                        .path("entries"))
                .hasSize(1);
        String body = admin.get(audit).body();
        assertThat(body)
                .contains("\"channelId\":\"" + channel + "\"")
                .doesNotContain("c2VhbGVkLXNlY3JldA==", "deadbeefhash");
    }

    @Test
    void workflowTimelinesAndConversationSearchAreIndexedOnce() {
        String conversation = "conv_" + UUID.randomUUID();
        String runId = "run_" + UUID.randomUUID();
        Instant start = Instant.parse("2026-11-25T09:00:00Z");
        List<NodeRun> nodes = List.of(
                new NodeRun(
                        "n1",
                        "memory",
                        "Memory",
                        0,
                        "succeeded",
                        null,
                        start,
                        start.plusMillis(3),
                        3000,
                        0,
                        0,
                        Map.of("memories", "2")),
                new NodeRun(
                        "n2",
                        "cache",
                        "Cache",
                        1,
                        "succeeded",
                        null,
                        start.plusMillis(3),
                        start.plusMillis(4),
                        1000,
                        0,
                        0,
                        Map.of("hit", "none")),
                new NodeRun(
                        "n3",
                        "llm",
                        "LLM",
                        2,
                        "succeeded",
                        null,
                        start.plusMillis(4),
                        start.plusMillis(900),
                        896000,
                        120,
                        42,
                        Map.of("channel", "ch_1")));
        twice(List.of(
                envelope(
                        new WorkflowRunRecorded(
                                runId,
                                "t1",
                                conversation,
                                workspace,
                                key,
                                "dify",
                                "succeeded",
                                null,
                                start,
                                start.plusMillis(900),
                                900000,
                                120,
                                nodes),
                        conversation),
                envelope(
                        new TurnCompleted(
                                conversation,
                                "t1",
                                workspace,
                                key,
                                "gpt-4o-mini",
                                "ch_1",
                                "what do penguins eat",
                                "krill and fish",
                                "stop",
                                900,
                                120,
                                "alice"),
                        conversation)));

        String runs = "/admin/v1/workspaces/" + workspace + "/workflow-runs";
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                        admin.get(runs + "?turnId=t1").json().path("runs"))
                .hasSize(1));
        JsonNode run = admin.get(runs + "/" + runId).json();
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("totalTokens").asLong()).isEqualTo(120);
        assertThat(run.path("costMicros").asLong()).isEqualTo(42);
        assertThat(run.path("nodes")).hasSize(3);
        assertThat(run.at("/nodes/2/nodeType").asText()).isEqualTo("llm");
        assertThat(run.at("/nodes/2/elapsedMicros").asLong()).isEqualTo(896000);
        assertThat(admin.get(runs + "/run_unknown").status()).isEqualTo(404);
        assertThat(admin.get("/admin/v1/workspaces/ws_other/workflow-runs/" + runId)
                        .status())
                .as("another workspace cannot read it")
                .isEqualTo(404);

        String turns = "/admin/v1/workspaces/" + workspace + "/turns";
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                        admin.get(turns + "?q=penguins").json().path("turns"))
                .hasSize(1));
        assertThat(admin.get(turns + "?endUserId=alice").json().path("turns")).hasSize(1);
        assertThat(admin.get(turns + "?endUserId=bob").json().path("turns")).isEmpty();
    }

    @Test
    void aPoisonEventIsParkedVisibleAndRetryableWhileTheProjectionGoesOn() throws Exception {
        String conversation = "conv_" + UUID.randomUUID();
        EventEnvelope good = envelope(spent("t1", "m", 10, 1, 0, 5, "v1"), conversation);
        EventEnvelope poison = TopicPublisher.withPayload(
                envelope(spent("t0", "m", 10, 1, 0, 5, "v1"), conversation),
                EventJson.newMapper().readTree("{\"workspaceId\":\"" + workspace + "\",\"promptTokens\":\"lots\"}"));
        topic.publish(poison);
        topic.publish(good);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(admin.get(usagePath("?groupBy="))
                        .json()
                        .at("/totals/requests")
                        .asLong())
                .isEqualTo(1));
        JsonNode parked = admin.get("/admin/v1/projections/usage/dead-letters").json();
        JsonNode letter = null;
        for (JsonNode candidate : parked) {
            if (candidate.path("eventId").asText().equals(poison.eventId())) {
                letter = candidate;
            }
        }
        assertThat(letter).as("the poison event is parked").isNotNull();
        assertThat(letter.path("eventType").asText()).isEqualTo("usage.TokensSpent");
        assertThat(letter.path("error").asText()).contains("lots");

        AdminHttp.Response retry = admin.post(
                "/admin/v1/projections/usage/dead-letters/" + letter.path("id").asLong() + "/retry");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/admin/v1/projections/usage/dead-letters").body()).contains(poison.eventId());

        JsonNode status = admin.get("/admin/v1/projections/usage").json();
        assertThat(status.path("deadLetters").asLong()).isPositive();
        assertThat(status.path("positions").size()).isPositive();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(admin.get("/admin/v1/projections/usage")
                            .json()
                            .path("lastGlobalIndex")
                            .asLong())
                    .isGreaterThanOrEqualTo(good.globalIndex());
            assertThat(meters.get("lyss.projection.position")
                            .tag("projection", "usage")
                            .gauge()
                            .value())
                    .isGreaterThanOrEqualTo(good.globalIndex());
            assertThat(meters.get("lyss.projection.lag")
                            .tag("projection", "usage")
                            .gauge()
                            .value())
                    .isZero();
        });
        assertThat(meters.get("lyss.projection.dead.letters")
                        .tag("projection", "usage")
                        .gauge()
                        .value())
                .isPositive();
        assertThat(admin.get("/admin/v1/projections").json())
                .extracting(p -> p.path("name").asText())
                .contains("usage", "audit", "turns", "workflow-runs");
    }

    @Test
    void aPointInTimeReportIsComputedFromTheLog() {
        String conversation = "conv_" + UUID.randomUUID();
        List<EventEnvelope> spends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            spends.add(envelope(spent("t" + i, "m", 10 * (i + 1), 1, 0, 100 * (i + 1), "v1"), conversation));
        }
        twice(spends);

        JsonNode half = admin.get("/admin/v1/workspaces/" + workspace + "/reports/as-of?position="
                        + spends.get(1).globalIndex())
                .json();
        assertThat(half.path("requests").asLong()).isEqualTo(2);
        assertThat(half.path("costMicros").asLong()).isEqualTo(300);
        assertThat(half.path("lastIncludedPosition").asLong())
                .isEqualTo(spends.get(1).globalIndex());

        JsonNode now = admin.get("/admin/v1/workspaces/" + workspace + "/reports/as-of")
                .json();
        assertThat(now.path("requests").asLong()).isEqualTo(4);
        assertThat(now.path("costMicros").asLong()).isEqualTo(1000);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(admin.get(billingPath(""))
                        .json()
                        .path("totalCostMicros")
                        .asLong())
                .isEqualTo(now.path("costMicros").asLong()));
        JsonNode before = admin.get("/admin/v1/workspaces/" + workspace + "/reports/as-of?at=2000-01-01T00:00:00Z")
                .json();
        assertThat(before.path("requests").asLong()).isZero();
    }

    @Test
    void everyReadModelRebuildsIntoAShadowThatEqualsTheLiveOneAndIsSwitchedIn() {
        String conversation = "conv_" + UUID.randomUUID();
        twice(List.of(
                envelope(new ApiKeyIssued(key, workspace, "ci", "hash", "lys_ab", List.of(), "u_owner"), key),
                envelope(turn(conversation, "t1", "m", "stop", "alice"), conversation),
                envelope(spent("t1", "m", 100, 20, 5, 300, "v1"), conversation),
                envelope(
                        new WorkflowRunRecorded(
                                "run_" + UUID.randomUUID(),
                                "t1",
                                conversation,
                                workspace,
                                key,
                                "openai",
                                "succeeded",
                                null,
                                Instant.now(),
                                Instant.now(),
                                10,
                                120,
                                List.of()),
                        conversation)));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(admin.get(usagePath("?groupBy="))
                            .json()
                            .at("/totals/requests")
                            .asLong())
                    .isEqualTo(1);
            assertThat(admin.get("/admin/v1/workspaces/" + workspace + "/workflow-runs")
                            .json()
                            .path("runs"))
                    .hasSize(1);
            assertThat(admin.get("/admin/v1/workspaces/" + workspace + "/audit")
                            .json()
                            .path("entries"))
                    .hasSize(1);
        });
        String before =
                admin.get(usagePath("?groupBy=endUser,owner,priceVersion")).body();

        for (String readModel : List.of("usage", "audit", "turns", "workflow-runs")) {
            AdminHttp.Response started = admin.post("/admin/v1/projections/" + readModel + "/rebuild");
            assertThat(started.status()).as(readModel).isEqualTo(202);
            assertThat(admin.get(usagePath("?groupBy=")).status())
                    .as("the live copy keeps serving")
                    .isEqualTo(200);
            await().atMost(Duration.ofMinutes(3))
                    .untilAsserted(() -> assertThat(admin.get("/admin/v1/projections/" + readModel + "/rebuild")
                                    .json()
                                    .path("state")
                                    .asText())
                            .isNotEqualTo("RUNNING"));
            JsonNode done =
                    admin.get("/admin/v1/projections/" + readModel + "/rebuild").json();
            assertThat(done.path("state").asText()).as(readModel + ": " + done).isEqualTo("DONE");
            assertThat(done.path("identical").asBoolean())
                    .as(readModel + ": " + done)
                    .isTrue();
            assertThat(done.path("switched").asBoolean()).isTrue();
            assertThat(admin.get("/admin/v1/projections/" + readModel + "/checksum")
                            .json()
                            .path("checksums"))
                    .as("the switched-in copy is the rebuilt one")
                    .isEqualTo(done.path("rebuiltChecksums"));
        }
        assertThat(admin.get(usagePath("?groupBy=endUser,owner,priceVersion")).body())
                .isEqualTo(before);
        assertThat(admin.get("/admin/v1/workspaces/" + workspace + "/workflow-runs")
                        .json()
                        .path("runs"))
                .hasSize(1);

        String after = conversation + "-after";
        topic.publish(envelope(spent("t9", "m", 1, 1, 0, 1, "v1"), after));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(admin.get(usagePath("?groupBy="))
                        .json()
                        .at("/totals/requests")
                        .asLong())
                .as("the live projection goes on in the switched-in copy")
                .isEqualTo(2));
    }

    @Test
    void eachReportNeedsItsRoleInTheWorkspace() {
        String reports = "/admin/v1/workspaces/" + workspace;
        AdminHttp viewer = new AdminHttp(port, QueryTestApplication.tokenFor(WorkspaceRole.VIEWER, workspace));
        AdminHttp member = new AdminHttp(port, QueryTestApplication.tokenFor(WorkspaceRole.MEMBER, workspace));
        AdminHttp adminOfIt = new AdminHttp(port, QueryTestApplication.tokenFor(WorkspaceRole.ADMIN, workspace));
        AdminHttp ownerElsewhere =
                new AdminHttp(port, QueryTestApplication.tokenFor(WorkspaceRole.OWNER, "ws_someone_else"));

        for (String readable : List.of("/usage", "/cache-savings", "/workflow-runs", "/turns?q=x")) {
            assertThat(viewer.get(reports + readable).status())
                    .as("viewer " + readable)
                    .isEqualTo(200);
            assertThat(member.get(reports + readable).status())
                    .as("member " + readable)
                    .isEqualTo(200);
            assertProblem(ownerElsewhere.get(reports + readable), 403);
        }
        for (String adminOnly : List.of("/billing", "/billing?format=csv", "/audit", "/reports/as-of")) {
            assertProblem(viewer.get(reports + adminOnly), 403);
            assertProblem(member.get(reports + adminOnly), 403);
        }
        assertThat(viewer.get(reports + "/billing").json().path("detail").asText())
                .contains("admin role");
        assertThat(adminOfIt.get(reports + "/billing").status()).isEqualTo(200);
        assertThat(adminOfIt.get(reports + "/audit").status()).isEqualTo(200);
        assertProblem(adminOfIt.get("/admin/v1/projections/usage"), 403);
        assertThat(admin.get(reports + "/billing").status())
                .as("the platform administrator")
                .isEqualTo(200);
    }

    private static void assertProblem(AdminHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private void twice(List<EventEnvelope> envelopes) {
        topic.publishAll(envelopes);
        topic.publishAll(envelopes);
    }

    private TurnCompleted turn(String conversation, String turnId, String model, String finishReason, String endUser) {
        return new TurnCompleted(
                conversation, turnId, workspace, key, model, "ch_1", "q", "a", finishReason, 10, 5, endUser);
    }

    private TokensSpent spent(
            String turnId, String model, long prompt, long completion, long cached, long cost, String priceVersion) {
        return new TokensSpent(
                turnId,
                workspace,
                key,
                model,
                "ch_1",
                prompt,
                completion,
                cached,
                cost,
                priceVersion,
                SpendReason.CHAT,
                false);
    }

    private String usagePath(String query) {
        return "/admin/v1/workspaces/" + workspace + "/usage" + query;
    }

    private String billingPath(String extra) {
        return "/admin/v1/workspaces/" + workspace + "/billing?from=" + today + "&to=" + today + extra;
    }

    private static JsonNode row(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.path(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("No row with " + field + "=" + value + " in " + rows);
    }

    private static void assertProblem(AdminHttp.Response response, int status, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("parameter").asText()).isEqualTo(parameter);
        assertThat(response.body()).doesNotContain("Exception", "at io.lyss");
    }
}
