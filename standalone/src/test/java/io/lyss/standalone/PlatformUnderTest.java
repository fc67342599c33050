package io.lyss.standalone;

import io.lyss.infra.LocalInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings of a whole platform started in a test against the local infrastructure: a free port, fresh
 * secrets, and a previous master key so that master-key rotation can be exercised.
 */
final class PlatformUnderTest {

    static final LocalInfrastructure INFRA = LocalInfrastructure.discover();

    final int port = freePort();
    final String adminToken = "admin-" + random(24);
    final String previousMasterKey = Base64.getEncoder().encodeToString(bytes(32));
    final String masterKey = SharedMasterKey.BASE64;
    final String internalToken = "internal-" + random(24);
    /** Kept as with {@code ./lyss up} (ADR 0042): every platform test records through an encrypted file. */
    final Path turnBacklogFile = temporaryFolder().resolve("turn-backlog.ring");

    void register(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> port);
        properties.add("spring.datasource.url", INFRA::postgresUrl);
        properties.add("spring.datasource.username", INFRA::postgresUser);
        properties.add("spring.datasource.password", INFRA::postgresPassword);
        properties.add("spring.elasticsearch.uris", INFRA::elasticsearchUrl);
        properties.add("lyss.relay.bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.orchestrator.kafka-bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.query.kafka-bootstrap-servers", INFRA::kafkaBootstrapServers);
        properties.add("lyss.orchestrator.command-side-url", () -> "http://127.0.0.1:" + port);
        properties.add("lyss.security.master-key", () -> masterKey);
        // memory is tested by MemoryEndToEndIT; a second memory projector in this JVM would compete for its checkpoint
        properties.add("lyss.memory.enabled", () -> "false");
        properties.add("lyss.security.previous-master-keys", () -> previousMasterKey);
        properties.add("lyss.security.admin-token", () -> adminToken);
        properties.add("lyss.security.internal-token", () -> internalToken);
        properties.add("lyss.audit.gap-timeout", () -> "PT2S");
        properties.add("lyss.orchestrator.turn-backlog-file", turnBacklogFile::toString);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("lyss-platform-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    static String random(int length) {
        return HexFormat.of().formatHex(bytes(length)).substring(0, length);
    }
}
