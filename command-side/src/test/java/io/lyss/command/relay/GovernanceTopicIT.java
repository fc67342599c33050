package io.lyss.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.EventEnvelope;
import io.lyss.events.EventTopics;
import io.lyss.infra.LocalInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The governance topic made whole against the real broker: copied in stored order, vouched once. */
class GovernanceTopicIT {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static final String COMPLETE = "<complete>";

    private final String events = "lyss.test.events-" + UUID.randomUUID();
    private final String governance = "lyss.test.governance-" + UUID.randomUUID();
    private Admin admin;
    private Producer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()));
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        INFRA.kafkaBootstrapServers(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
        admin.close();
    }

    @Test
    void copiesTheGovernanceAndRoutingEventsAlreadyRelayedInStoredOrderEachOnceThenVouches() throws Exception {
        admin.createTopics(List.of(new NewTopic(events, 2, (short) 1))).all().get();
        // as the relay left them: spread over partitions by aggregate, one batch sent twice
        relayed(1, "governance.ApiKeyIssued", 5);
        relayed(0, "usage.TokensSpent", 6);
        relayed(0, "routing.ChannelCircuitOpened", 7);
        relayed(0, "governance.ApiKeyRevoked", 9);
        relayed(1, "conversation.TurnCompleted", 10);
        relayed(1, "governance.ApiKeyIssued", 5);

        topic().ensureWhole();

        assertThat(governanceTopic())
                .containsExactly(
                        "5 governance.ApiKeyIssued",
                        "7 routing.ChannelCircuitOpened",
                        "9 governance.ApiKeyRevoked",
                        COMPLETE);

        topic().ensureWhole();
        assertThat(governanceTopic()).as("a vouched topic is not copied again").hasSize(4);
    }

    @Test
    void aCopyCutShortBeforeItWasVouchedIsMadeAgain() throws Exception {
        admin.createTopics(List.of(new NewTopic(events, 1, (short) 1))).all().get();
        relayed(0, "governance.WorkspaceCreated", 1);
        relayed(0, "governance.ChannelAdded", 2);
        admin.createTopics(List.of(new NewTopic(governance, 1, (short) 1)))
                .all()
                .get();
        producer.send(copy(1, "governance.WorkspaceCreated")).get();

        topic().ensureWhole();

        assertThat(governanceTopic())
                .containsExactly(
                        "1 governance.WorkspaceCreated",
                        "1 governance.WorkspaceCreated",
                        "2 governance.ChannelAdded",
                        COMPLETE);
    }

    @Test
    void aNewInstallationGetsAVouchedEmptyTopic() throws Exception {
        topic().ensureWhole();

        assertThat(governanceTopic()).containsExactly(COMPLETE);
    }

    @Test
    void theRelaysCopyOfAnEventGoesToTheOnePartitionWithItsHeaders() {
        var event = new ProducerRecord<>(events, 3, "key_1", new byte[] {1, 2});
        event.headers().add(EventEnvelope.HEADER_EVENT_TYPE, utf8("governance.ApiKeyRevoked"));

        ProducerRecord<String, byte[]> copy = topic().copyOf(event);

        assertThat(copy.topic()).isEqualTo(governance);
        assertThat(copy.partition()).isZero();
        assertThat(copy.key()).isEqualTo("key_1");
        assertThat(copy.value()).containsExactly(1, 2);
        assertThat(copy.headers().lastHeader(EventEnvelope.HEADER_EVENT_TYPE).value())
                .isEqualTo(utf8("governance.ApiKeyRevoked"));
    }

    private GovernanceTopic topic() {
        return new GovernanceTopic(admin, producer, INFRA.kafkaBootstrapServers(), events, governance, (short) 1);
    }

    private void relayed(int partition, String type, long globalIndex) throws Exception {
        var record = new ProducerRecord<>(events, partition, "agg-" + globalIndex, utf8(globalIndex + " " + type));
        record.headers()
                .add(EventEnvelope.HEADER_EVENT_ID, utf8("event-" + globalIndex))
                .add(EventEnvelope.HEADER_EVENT_TYPE, utf8(type))
                .add(EventEnvelope.HEADER_GLOBAL_INDEX, utf8(Long.toString(globalIndex)));
        producer.send(record).get();
    }

    private ProducerRecord<String, byte[]> copy(long globalIndex, String type) {
        var record = new ProducerRecord<>(governance, 0, "agg-" + globalIndex, utf8(globalIndex + " " + type));
        record.headers()
                .add(EventEnvelope.HEADER_EVENT_ID, utf8("event-" + globalIndex))
                .add(EventEnvelope.HEADER_EVENT_TYPE, utf8(type))
                .add(EventEnvelope.HEADER_GLOBAL_INDEX, utf8(Long.toString(globalIndex)));
        return record;
    }

    /** The governance topic's values ("globalIndex type"), and {@link #COMPLETE} for a completeness record. */
    private List<String> governanceTopic() {
        List<String> lines = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partition = new TopicPartition(governance, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    lines.add(
                            record.headers().lastHeader(EventTopics.HEADER_GOVERNANCE_COMPLETE) != null
                                    ? COMPLETE
                                    : new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
