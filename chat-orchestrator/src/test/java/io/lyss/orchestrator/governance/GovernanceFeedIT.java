package io.lyss.orchestrator.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyss.events.EventTopics;
import io.lyss.events.LyssEvent;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.orchestrator.RelayedRecord;
import io.lyss.security.keys.VirtualKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The key view against the real Kafka broker, including a broker that is down when the feed starts. */
class GovernanceFeedIT {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private final String topic = "lyss.test.governance-" + UUID.randomUUID();
    private final GovernanceView view = new GovernanceView();
    private final KeyAuthenticator authenticator = new KeyAuthenticator(view);

    @Test
    void followsKeysAcrossABrokerThatIsDownAtStartAndRestartsLater() throws Exception {
        createTopic();
        VirtualKeys.IssuedKey revoked = VirtualKeys.issue();
        VirtualKeys.IssuedKey kept = VirtualKeys.issue();
        publish(new ApiKeyIssued("key_revoked", "ws_1", "r", revoked.hash(), revoked.visiblePrefix(), List.of(), null));
        publish(new ApiKeyRevoked("key_revoked", "ws_1"));
        publish(new ApiKeyIssued("key_kept", "ws_1", "k", kept.hash(), kept.visiblePrefix(), List.of(), null));
        vouchWhole();

        List<LyssEvent> alsoTold = new CopyOnWriteArrayList<>();
        var feed = new GovernanceFeed(view, List.of(alsoTold::add), INFRA.kafkaBootstrapServers(), topic);
        INFRA.stop("kafka");
        try {
            feed.start();
            assertThat(feed.isCaughtUp()).isFalse();
        } finally {
            INFRA.start("kafka");
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(feed::isCaughtUp);
            assertThat(grantOf(kept)).isEqualTo("key_kept");
            assertThat(view.grantFor(revoked.hash())).isEmpty();

            INFRA.stop("kafka");
            INFRA.start("kafka");
            VirtualKeys.IssuedKey later = VirtualKeys.issue();
            publish(new ApiKeyIssued("key_later", "ws_1", "l", later.hash(), later.visiblePrefix(), List.of(), null));
            // the view, not the authenticator: an unknown key makes it throw, which Awaitility would not retry
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(view.grantFor(later.hash())).isPresent());
            assertThat(grantOf(later)).isEqualTo("key_later");
            assertThat(view.grantFor(revoked.hash()))
                    .as("a revoked key never comes back")
                    .isEmpty();
            assertThat(alsoTold)
                    .as("the other views (quotas) are told every governance event once, in order, across restarts")
                    .extracting(event -> event.getClass().getSimpleName() + " " + keyIdOf(event))
                    .containsExactly(
                            "ApiKeyIssued key_revoked",
                            "ApiKeyRevoked key_revoked",
                            "ApiKeyIssued key_kept",
                            "ApiKeyIssued key_later");
        } finally {
            feed.stop();
        }
    }

    @Test
    void isNotCaughtUpBeforeTheRelayVouchesTheTopicWhole() throws Exception {
        createTopic();
        VirtualKeys.IssuedKey copied = VirtualKeys.issue();
        publish(new ApiKeyIssued("key_copied", "ws_1", "c", copied.hash(), copied.visiblePrefix(), List.of(), null));

        var feed = new GovernanceFeed(view, List.of(), INFRA.kafkaBootstrapServers(), topic);
        feed.start();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(view.grantFor(copied.hash()))
                    .isPresent());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !feed.isCaughtUp());

            vouchWhole();
            await().atMost(Duration.ofSeconds(60)).until(feed::isCaughtUp);
        } finally {
            feed.stop();
        }
    }

    private static String keyIdOf(LyssEvent event) {
        return event instanceof ApiKeyIssued issued ? issued.keyId() : ((ApiKeyRevoked) event).keyId();
    }

    private String grantOf(VirtualKeys.IssuedKey key) {
        return authenticator.authenticate("Bearer " + key.plainKey()).keyId();
    }

    private void createTopic() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private void publish(LyssEvent event) throws Exception {
        send(RelayedRecord.of(topic, null, keyIdOf(event), event));
    }

    /** What the relay writes once the topic holds every governance event before it. */
    private void vouchWhole() throws Exception {
        var record = new ProducerRecord<>(topic, "complete", new byte[0]);
        record.headers().add(EventTopics.HEADER_GOVERNANCE_COMPLETE, new byte[] {'1'});
        send(record);
    }

    private void send(ProducerRecord<String, byte[]> record) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }
}
