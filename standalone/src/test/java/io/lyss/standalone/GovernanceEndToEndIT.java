package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.command.channel.api.AddChannel;
import io.lyss.command.scope.Ids;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import io.lyss.events.governance.ProviderType;
import io.lyss.security.secrets.MasterKey;
import io.lyss.security.secrets.SecretSealer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Governance through the running platform: users and roles on the admin API, the key and channel lifecycle as the
 * orchestrator applies it, and master-key rotation; real PostgreSQL, Kafka and Elasticsearch, a mock provider.
 */
class GovernanceEndToEndIT extends GovernancePlatform {

    private static final String SECRET = "sk-upstream-" + PlatformUnderTest.random(24);

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private CommandGateway commands;

    @Test
    void usersLogInAndActOnlyWithinTheirRoles() {
        String ws = calls.workspace("roles");
        String suffix = PlatformUnderTest.random(6);
        String aliceId = calls.user(PLATFORM.adminToken, ws, "alice-" + suffix, "alice-password-1", "ADMIN");
        var duplicate = client.post(
                "/admin/v1/workspaces/" + ws + "/users",
                PLATFORM.adminToken,
                "{\"username\":\"Alice-%s\",\"password\":\"another-password\",\"role\":\"VIEWER\"}".formatted(suffix));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        var weak = client.post(
                "/admin/v1/workspaces/" + ws + "/users",
                PLATFORM.adminToken,
                "{\"username\":\"weak-%s\",\"password\":\"short\",\"role\":\"VIEWER\"}".formatted(suffix));
        assertThat(weak.status()).isEqualTo(400);

        assertThat(calls.login("alice-" + suffix, "wrong-password").status()).isEqualTo(401);
        assertThat(calls.login("nobody-" + suffix, "alice-password-1").status()).isEqualTo(401);
        String alice = calls.token("alice-" + suffix, "alice-password-1");

        String channelId = calls.channel(alice, ws, upstream.baseUrl(), "mock-roles", SECRET);
        assertThat(actorOf(channelId)).isEqualTo("USER:" + aliceId);
        String bobId = calls.user(alice, ws, "bob-" + suffix, "bob-password-1", "MEMBER");
        calls.user(alice, ws, "carol-" + suffix, "carol-password-1", "VIEWER");
        var ownerByAdmin = client.post(
                "/admin/v1/workspaces/" + ws + "/users",
                alice,
                "{\"username\":\"dave-%s\",\"password\":\"dave-password-1\",\"role\":\"OWNER\"}".formatted(suffix));
        assertThat(ownerByAdmin.status()).isEqualTo(403);
        assertThat(ownerByAdmin.json().path("detail").asText()).contains("owner role");

        String bob = calls.token("bob-" + suffix, "bob-password-1");
        var channelByMember = client.post(
                "/admin/v1/workspaces/" + ws + "/channels",
                bob,
                "{\"name\":\"x\",\"provider\":\"openai-compatible\",\"baseUrl\":\"http://x\",\"models\":[\"m\"]}");
        assertThat(channelByMember.status()).isEqualTo(403);
        JsonNode bobsKey = calls.key(bob, ws, "{\"name\":\"bob's\"}");
        assertThat(bobsKey.path("ownerUserId").asText()).isEqualTo(bobId);
        JsonNode alicesKey = calls.key(alice, ws, "{\"name\":\"alice's\"}");
        assertThat(client.delete(
                                "/admin/v1/workspaces/" + ws + "/keys/"
                                        + alicesKey.path("id").asText(),
                                bob)
                        .status())
                .isEqualTo(403);
        assertThat(client.post(
                                "/admin/v1/workspaces/" + ws + "/keys/"
                                        + bobsKey.path("id").asText() + "/rotate",
                                bob,
                                "")
                        .status())
                .isEqualTo(200);

        String carol = calls.token("carol-" + suffix, "carol-password-1");
        assertThat(client.get("/admin/v1/workspaces/" + ws + "/keys", carol).status())
                .isEqualTo(200);
        assertThat(client.post("/admin/v1/workspaces/" + ws + "/keys", carol, "{\"name\":\"c\"}")
                        .status())
                .isEqualTo(403);
        String elsewhere = calls.workspace("elsewhere");
        assertThat(client.get("/admin/v1/workspaces/" + elsewhere + "/keys", alice)
                        .status())
                .isEqualTo(403);
        assertThat(client.get("/admin/v1/audit/verify", alice).status()).isEqualTo(403);

        assertThat(client.delete("/admin/v1/workspaces/" + ws + "/users/" + bobId + "/role", alice)
                        .status())
                .isEqualTo(204);
        assertThat(client.get("/admin/v1/workspaces/" + ws + "/keys", bob).status())
                .as("a revoked role takes effect at once")
                .isEqualTo(403);

        var adminKey = client.post(
                "/admin/v1/workspaces/" + ws + "/admin-keys", alice, "{\"name\":\"ci\",\"role\":\"ADMIN\"}");
        assertThat(adminKey.status()).isEqualTo(201);
        String automation = adminKey.json().path("key").asText();
        String automatedChannel = calls.channel(automation, ws, upstream.baseUrl(), "mock-ci", SECRET);
        assertThat(actorOf(automatedChannel))
                .isEqualTo("ADMIN_KEY:" + adminKey.json().path("id").asText());
        assertThat(client.delete(
                                "/admin/v1/workspaces/" + ws + "/admin-keys/"
                                        + adminKey.json().path("id").asText(),
                                alice)
                        .status())
                .isEqualTo(204);
        assertThat(client.get("/admin/v1/workspaces/" + ws + "/keys", automation)
                        .status())
                .isEqualTo(401);

        var ownWorkspace = client.post("/admin/v1/workspaces", alice, "{\"name\":\"alice's own\"}");
        assertThat(ownWorkspace.status()).isEqualTo(201);
        var members = client.get(
                "/admin/v1/workspaces/" + ownWorkspace.json().path("id").asText() + "/users", alice);
        assertThat(members.json().findValuesAsText("role")).containsExactly("OWNER");
        assertThat(client.delete(
                                "/admin/v1/workspaces/"
                                        + ownWorkspace.json().path("id").asText() + "/users/" + aliceId + "/role",
                                alice)
                        .status())
                .as("the last owner stays")
                .isEqualTo(409);
    }

    @Test
    void keyAndChannelChangesReachTheOrchestrator() {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-life", SECRET);
        String ws = "/admin/v1/workspaces/" + tenant.workspaceId();
        var alias = client.put(
                ws + "/aliases/fast",
                PLATFORM.adminToken,
                "{\"targets\":[{\"channelId\":\"%s\",\"upstreamModel\":\"mock-life\"}]}".formatted(tenant.channelId()));
        assertThat(alias.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> calls.models(tenant.key()).equals(List.of("fast", "mock-life")));

        var models =
                client.put(ws + "/keys/" + tenant.keyId() + "/models", PLATFORM.adminToken, "{\"models\":[\"fast\"]}");
        assertThat(models.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> calls.models(tenant.key()).equals(List.of("fast")));
        assertThat(calls.chat(tenant.key(), "mock-life")).isEqualTo(403);
        assertThat(calls.chat(tenant.key(), "fast")).isEqualTo(200);
        assertThat(upstream.received().getLast().body().path("model").asText()).isEqualTo("mock-life");

        var rotated = client.post(ws + "/keys/" + tenant.keyId() + "/rotate", PLATFORM.adminToken, "");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().path("key").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(tenant.key(), "fast") == 401);
        assertThat(calls.chat(newKey, "fast")).isEqualTo(200);

        assertThat(client.post(ws + "/channels/" + tenant.channelId() + "/disable", PLATFORM.adminToken, "")
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(newKey, "fast") == 404);
        assertThat(calls.models(newKey)).isEmpty();
        client.post(ws + "/channels/" + tenant.channelId() + "/enable", PLATFORM.adminToken, "");
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(newKey, "fast") == 200);

        String newSecret = "sk-rotated-" + PlatformUnderTest.random(20);
        assertThat(client.put(
                                ws + "/channels/" + tenant.channelId() + "/secret",
                                PLATFORM.adminToken,
                                "{\"apiKey\":\"" + newSecret + "\"}")
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(calls.chat(newKey, "fast")).isEqualTo(200);
            assertThat(upstream.received().getLast().authorization()).isEqualTo("Bearer " + newSecret);
        });

        JsonNode expiring = calls.key(
                PLATFORM.adminToken,
                tenant.workspaceId(),
                "{\"name\":\"short\",\"expiresAt\":\"%s\"}"
                        .formatted(Instant.now().plusSeconds(5)));
        String expiringKey = expiring.path("key").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(expiringKey, "mock-life") == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(expiringKey, "mock-life") == 401);
        assertThat(client.get(ws + "/keys/key_00000000000000000000000000000000/rotate", PLATFORM.adminToken)
                        .status())
                .isEqualTo(405);
        assertThat(client.post(ws + "/keys/key_00000000000000000000000000000000/rotate", PLATFORM.adminToken, "")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aMasterKeyRotationReSealsEverySecretAndChannelsKeepWorking() {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-mk", SECRET);
        String oldChannel = Ids.CHANNEL.next();
        var oldSealer = new SecretSealer(MasterKey.fromBase64(PLATFORM.previousMasterKey));
        var command = new AddChannel(
                oldChannel,
                tenant.workspaceId(),
                "sealed under the previous master key",
                ProviderType.OPENAI_COMPATIBLE,
                upstream.baseUrl(),
                List.of("mock-old"),
                0,
                1,
                oldSealer.seal(SECRET, oldChannel));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(new Provenance(Actor.system("test"), "mk").asMetaData()));
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(tenant.key(), "mock-old") == 200);

        var reseal = client.post("/admin/v1/master-key/reseal", PLATFORM.adminToken, "");
        assertThat(reseal.status()).isEqualTo(200);
        assertThat(reseal.json().path("resealed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(reseal.json().path("unopenable").toString()).doesNotContain(oldChannel);
        String current = MasterKey.fromBase64(PLATFORM.masterKey).id();
        assertThat(reseal.json().path("masterKeyId").asText()).isEqualTo(current);
        var channels = client.get("/admin/v1/workspaces/" + tenant.workspaceId() + "/channels", PLATFORM.adminToken);
        assertThat(channels.json().findValuesAsText("secretMasterKeyId")).containsOnly(current);
        assertThat(client.post("/admin/v1/master-key/reseal", PLATFORM.adminToken, "")
                        .json()
                        .path("resealed")
                        .asInt())
                .isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(calls.chat(tenant.key(), "mock-old")).isEqualTo(200);
            assertThat(upstream.received().getLast().authorization()).isEqualTo("Bearer " + SECRET);
        });
    }

    @Test
    void theAuditChainNamesTheFirstAlteredDeletedOrReorderedEvent() {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-audit", SECRET);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = verify();
            assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.path("pending").asLong()).isZero();
        });
        long created = indexOf(tenant.workspaceId());
        long channelAdded = indexOf(tenant.channelId());
        String createdId = eventIdAt(created);

        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM lyss_command.domain_event_entry WHERE global_index = ?", byte[].class, created);
        jdbc.update(
                "UPDATE lyss_command.domain_event_entry SET payload = ? WHERE global_index = ?",
                new String(original, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("gov mock-audit", "gov mock-AUDIT")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                created);
        assertProblem(created, createdId, "altered");
        jdbc.update("UPDATE lyss_command.domain_event_entry SET payload = ? WHERE global_index = ?", original, created);
        assertThat(verify().path("intact").asBoolean()).isTrue();

        var row = jdbc.queryForMap("SELECT * FROM lyss_command.domain_event_entry WHERE global_index = ?", created);
        jdbc.update("DELETE FROM lyss_command.domain_event_entry WHERE global_index = ?", created);
        assertProblem(created, createdId, "missing");
        jdbc.update(
                "INSERT INTO lyss_command.domain_event_entry (" + String.join(", ", row.keySet()) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(row.size(), "?")) + ")",
                row.values().toArray());
        assertThat(verify().path("intact").asBoolean()).isTrue();

        swap(created, channelAdded);
        assertProblem(created, createdId, "reordered");
        swap(created, channelAdded);
        JsonNode restored = verify();
        assertThat(restored.path("intact").asBoolean()).isTrue();
        assertThat(restored.path("head").asText()).hasSize(64);
    }

    @Test
    void theAdminApiDescribesItselfInOpenApi() {
        var description = client.get("/admin/v1/openapi.json", null);
        assertThat(description.status()).isEqualTo(200);
        JsonNode paths = description.json().path("paths");
        assertThat(paths.has("/admin/v1/login")).isTrue();
        assertThat(paths.has("/admin/v1/workspaces/{workspaceId}/users")).isTrue();
        assertThat(paths.has("/admin/v1/workspaces/{workspaceId}/keys/{keyId}/rotate"))
                .isTrue();
        assertThat(paths.has("/admin/v1/audit/verify")).isTrue();
        assertThat(description.body()).doesNotContain("AdminPrincipal").doesNotContain("/v1/chat/completions");
        assertThat(description
                        .json()
                        .at("/components/securitySchemes/bearer/scheme")
                        .asText())
                .isEqualTo("bearer");
    }

    @Test
    void aLongConversationIsLoadedFromASnapshotAndStillRecordsEachTurnOnce() {
        String conversation = "conv_snap" + PlatformUnderTest.random(16);
        for (int turn = 0; turn < 60; turn++) {
            recordTurn(conversation, "turn_" + turn);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM lyss_command.snapshot_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        conversation))
                .isPositive();
        long events = eventsOf(conversation);
        recordTurn(conversation, "turn_3");
        assertThat(eventsOf(conversation))
                .as("a turn recorded before the snapshot")
                .isEqualTo(events);
        recordTurn(conversation, "turn_60");
        assertThat(eventsOf(conversation)).isEqualTo(events + 2);
    }

    private void recordTurn(String conversation, String turnId) {
        var turn = new io.lyss.command.conversation.api.RecordTurn(
                conversation,
                turnId,
                "ws_snapshots",
                "key_1",
                "openai",
                "m",
                "ch_1",
                "q",
                "a",
                "stop",
                1,
                1,
                1,
                1,
                0,
                0,
                "2026-11-01",
                false,
                null);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(turn)
                .andMetaData(new Provenance(Actor.system("test"), turnId).asMetaData()));
    }

    private long eventsOf(String aggregateId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM lyss_command.domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                aggregateId);
    }

    private void assertProblem(long globalIndex, String eventId, String kind) {
        JsonNode report = verify();
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.at("/firstProblem/globalIndex").asLong()).isEqualTo(globalIndex);
        assertThat(report.at("/firstProblem/eventId").asText()).isEqualTo(eventId);
        assertThat(report.at("/firstProblem/kind").asText()).isEqualTo(kind);
        try (var connection = jdbc.getDataSource().getConnection()) {
            var cli = io.lyss.command.audit.AuditVerifyCommand.describe(
                    new io.lyss.command.audit.AuditVerifier().verify(connection));
            assertThat(cli).startsWith("TAMPERED at global index " + globalIndex + " (event " + eventId + ")");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void swap(long first, long second) {
        String move = "UPDATE lyss_command.domain_event_entry SET global_index = ? WHERE global_index = ?";
        jdbc.update(move, -first, first);
        jdbc.update(move, first, second);
        jdbc.update(move, second, -first);
    }

    private JsonNode verify() {
        var reply = client.get("/admin/v1/audit/verify", PLATFORM.adminToken);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private long indexOf(String aggregateId) {
        return jdbc.queryForObject(
                "SELECT min(global_index) FROM lyss_command.domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                aggregateId);
    }

    private String eventIdAt(long globalIndex) {
        return jdbc.queryForObject(
                "SELECT event_identifier FROM lyss_command.domain_event_entry WHERE global_index = ?",
                String.class,
                globalIndex);
    }

    private String actorOf(String aggregateId) {
        return jdbc.queryForObject(
                """
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'lyss-actor' FROM lyss_command.domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number LIMIT 1
                """,
                String.class,
                aggregateId);
    }
}
