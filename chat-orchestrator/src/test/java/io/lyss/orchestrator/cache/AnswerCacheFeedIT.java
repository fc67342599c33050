package io.lyss.orchestrator.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.orchestrator.RelayedRecord;
import io.lyss.security.personal.ConversationContents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The answer cache's start against the real broker: it reads the latest turns the cache can hold, not the log. */
class AnswerCacheFeedIT {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static final int CAPACITY = 5;
    /** What the feed reads of each of the two partitions: its share of the turns the cache holds, 4 records each. */
    private static final int SHARE = CAPACITY * 4 / 2;

    private final String topic = "lyss.test.answer-cache-" + UUID.randomUUID();

    @Test
    void aStartReadsTheLatestTurnsTheCacheCanHoldNotTheWholeLog() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        // two records a turn here: partition 0 holds 30 turns (60 records), partition 1 holds 3 (6 records)
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 1; i <= 30; i++) {
                publishTurn(producer, 0, "busy_" + i);
            }
            for (int i = 1; i <= 3; i++) {
                publishTurn(producer, 1, "quiet_" + i);
            }
        }
        var cache = new ProjectedAnswerCache(CAPACITY, SemanticIndex.disabled());
        var feed = new AnswerCacheFeed(
                cache, ConversationContents.plainOnly(), List.of(), INFRA.kafkaBootstrapServers(), topic);

        feed.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(feed.positions()).isEqualTo(Map.of(0, 60L, 1, 6L)));
            assertThat(feed.startedAt())
                    .as("a busy partition from its share of the newest turns, a short one from its beginning")
                    .isEqualTo(Map.of(0, 60L - SHARE, 1, 0L));
            assertThat(cache.lookup(lookup("busy_30"))).as("the newest answer").isPresent();
            assertThat(cache.lookup(lookup("busy_1")))
                    .as("an answer long gone from the cache")
                    .isEmpty();
        } finally {
            feed.stop();
        }
    }

    private void publishTurn(KafkaProducer<String, byte[]> producer, int partition, String turnId) throws Exception {
        String conversation = "conv_" + turnId;
        publish(
                producer,
                partition,
                conversation,
                new TurnCompleted(
                        conversation,
                        turnId,
                        "ws_1",
                        "key_1",
                        "gpt-4o-mini",
                        "ch_1",
                        "Question " + turnId,
                        "Answer " + turnId,
                        "stop",
                        300,
                        100,
                        null,
                        CanonicalRequest.hash(asked(turnId))));
        publish(
                producer,
                partition,
                conversation,
                new TokensSpent(
                        turnId, "ws_1", "key_1", "gpt-4o-mini", "ch_1", 14, 2, 0, 33, "v1", SpendReason.CHAT, false));
    }

    private void publish(KafkaProducer<String, byte[]> producer, int partition, String key, LyssEvent event)
            throws Exception {
        producer.send(RelayedRecord.of(topic, partition, key, event)).get();
    }

    private static String asked(String turnId) {
        return "{\"messages\":[{\"content\":\"Question " + turnId + "\"}]}";
    }

    private static CacheLookup lookup(String turnId) {
        return new CacheLookup("ws_1", "key_1", "gpt-4o-mini", asked(turnId), "Question " + turnId, false);
    }
}
