package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyss.events.EventTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No secret leaks: provider secrets (also rotated ones), virtual keys (also rotated ones), admin API keys,
 * passwords (also wrong ones tried at login) and login tokens appear in no table of the command or query side
 * (as text or as bytes), on no Kafka record, in no Elasticsearch document and in no log line, after traffic that
 * includes failing upstreams, bad keys and failed logins. Extends the scan of {@link PlatformEndToEndIT} to every
 * table and to the governance secrets.
 */
@ExtendWith(OutputCaptureExtension.class)
class GovernanceSecretsIT extends GovernancePlatform {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void noSecretAppearsInStoresTopicsIndexesOrLogs(CapturedOutput logs) throws Exception {
        String suffix = PlatformUnderTest.random(6);
        String password = "pw-" + PlatformUnderTest.random(20);
        String wrongPassword = "wrong-" + PlatformUnderTest.random(20);
        String providerSecret = "sk-leak-" + PlatformUnderTest.random(24);
        String rotatedSecret = "sk-leak-rotated-" + PlatformUnderTest.random(24);
        List<String> secrets = new ArrayList<>(List.of(password, wrongPassword, providerSecret, rotatedSecret));

        String ws = calls.workspace("secrets");
        calls.user(PLATFORM.adminToken, ws, "owner-" + suffix, password, "OWNER");
        for (int i = 0; i < 3; i++) {
            assertThat(calls.login("owner-" + suffix, wrongPassword).status()).isEqualTo(401);
        }
        String session = calls.token("owner-" + suffix, password);
        secrets.add(session);
        String channelId = calls.channel(session, ws, upstream.baseUrl(), "mock-leak", providerSecret);
        String key = calls.key(session, ws, "{\"name\":\"leak\"}").path("key").asText();
        secrets.add(key);
        try (var broken = new MockOpenAiServer(500)) {
            calls.channel(session, ws, broken.baseUrl(), "mock-broken", providerSecret);
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(key, "mock-leak") == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(key, "mock-broken") == 502);
        }
        assertThat(calls.chat(key, "no-such-model")).isEqualTo(404);
        assertThat(calls.chat(key + "x", "mock-leak")).isEqualTo(401);

        var rotated = client.post("/admin/v1/workspaces/" + ws + "/keys/" + keyIdOf(ws) + "/rotate", session, "");
        String rotatedKey = rotated.json().path("key").asText();
        secrets.add(rotatedKey);
        client.put(
                "/admin/v1/workspaces/" + ws + "/channels/" + channelId + "/secret",
                session,
                "{\"apiKey\":\"" + rotatedSecret + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.chat(rotatedKey, "mock-leak") == 200);
        String adminKey = client.post(
                        "/admin/v1/workspaces/" + ws + "/admin-keys", session, "{\"name\":\"ci\",\"role\":\"ADMIN\"}")
                .json()
                .path("key")
                .asText();
        secrets.add(adminKey);
        assertThat(client.get("/admin/v1/workspaces/" + ws + "/keys", adminKey).status())
                .isEqualTo(200);
        assertThat(calls.chat(adminKey, "mock-leak"))
                .as("an admin key is no virtual key")
                .isEqualTo(401);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "SELECT coalesce(sum(requests), 0) FROM lyss_rm_usage.usage_daily WHERE workspace_id = ?",
                        Long.class,
                        ws))
                .as("the usage read model holds the answered requests")
                .isGreaterThanOrEqualTo(2));
        assertThat(client.get("/admin/v1/workspaces/" + ws + "/usage", session).status())
                .isEqualTo(200);

        for (String secret : secrets) {
            assertThat(tablesContaining(secret)).as("tables holding a secret").isEmpty();
            assertThat(topicContains(EventTopics.EVENTS, secret))
                    .as("events topic")
                    .isFalse();
            assertThat(topicContains(EventTopics.GOVERNANCE, secret))
                    .as("governance topic")
                    .isFalse();
            assertThat(elasticsearchDocuments()).as("Elasticsearch").doesNotContain(secret);
            assertThat(logs.getAll()).as("logs").doesNotContain(secret);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM lyss_command.domain_event_entry WHERE payload_type LIKE '%UserRegistered'"
                                + " AND position('$argon2id$' IN convert_from(payload, 'UTF8')) > 0",
                        Long.class))
                .as("passwords are stored as Argon2id hashes")
                .isPositive();
    }

    private String keyIdOf(String ws) {
        return client.get("/admin/v1/workspaces/" + ws + "/keys", PLATFORM.adminToken)
                .json()
                .path(0)
                .path("keyId")
                .asText();
    }

    /** Every table of both sides whose rows, as text, hold the secret in plain text or as hex of its bytes. */
    private List<String> tablesContaining(String secret) {
        String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
        List<String> tables = jdbc.queryForList(
                """
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema LIKE 'lyss%' AND table_type = 'BASE TABLE'
                """,
                String.class);
        assertThat(tables).contains("lyss_command.domain_event_entry", "lyss_command.audit_chain");
        return tables.stream()
                .filter(table -> jdbc.queryForObject(
                                "SELECT count(*) FROM " + table + " t WHERE position(? IN t::text) > 0"
                                        + " OR position(? IN t::text) > 0",
                                Long.class,
                                secret,
                                hex)
                        > 0)
                .toList();
    }

    private static boolean topicContains(String topic, String secret) {
        try (var consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformUnderTest.INFRA.kafkaBootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            assertThat(end.values().stream().mapToLong(Long::longValue).sum())
                    .as(topic + " holds the events scanned")
                    .isPositive();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(secret)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static String elasticsearchDocuments() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(PlatformUnderTest.INFRA.elasticsearchUrl() + "/_search?size=10000"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
