package io.lyss.command.relay;

import io.lyss.events.EventEnvelope;
import io.lyss.events.EventTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governance topic, kept whole (docs/adr/0043): the relay puts each governance and routing event there too, and
 * before its first send in a process makes sure the topic holds a completeness record. When it holds none (a new
 * installation; events relayed before the topic existed; a copy cut short by a crash), the governance and routing
 * events already on the events topic are copied, in the order they were stored, and then one is written. This runs
 * on the relay's thread and nothing is relayed until it is done, so the copy cannot overtake newer events.
 */
final class GovernanceTopic {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceTopic.class);
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final int PARTITION = 0;

    private final Admin admin;
    private final Producer<String, byte[]> producer;
    private final String bootstrapServers;
    private final String eventsTopic;
    private final String governanceTopic;
    private final short replicationFactor;
    private volatile boolean whole;

    GovernanceTopic(
            Admin admin,
            Producer<String, byte[]> producer,
            String bootstrapServers,
            String eventsTopic,
            String governanceTopic,
            short replicationFactor) {
        this.admin = admin;
        this.producer = producer;
        this.bootstrapServers = bootstrapServers;
        this.eventsTopic = eventsTopic;
        this.governanceTopic = governanceTopic;
        this.replicationFactor = replicationFactor;
    }

    /** Creates the topic if needed and copies what it lacks; once done, free for the rest of the process. */
    void ensureWhole() {
        if (!whole) {
            makeWhole();
        }
    }

    private synchronized void makeWhole() {
        if (whole) {
            return;
        }
        try {
            createIfMissing();
            if (!holdsCompletenessRecord()) {
                int copied = copyFromEventsTopic();
                await(List.of(producer.send(completenessRecord())));
                LOG.info(
                        "Governance topic {} made whole: {} governance and routing events copied from {}",
                        governanceTopic,
                        copied,
                        eventsTopic);
            }
            whole = true;
        } catch (ExecutionException e) {
            throw new KafkaRelay.RelayFailedException("Cannot make topic " + governanceTopic + " whole", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaRelay.RelayFailedException("Kafka did not answer in time", e);
        } catch (KafkaException e) {
            throw new KafkaRelay.RelayFailedException("Kafka failed while making the governance topic whole", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaRelay.RelayFailedException("Interrupted while making the governance topic whole", e);
        }
    }

    /** The same event for the governance topic: same key, value and headers, on its one partition. */
    ProducerRecord<String, byte[]> copyOf(ProducerRecord<String, byte[]> event) {
        return new ProducerRecord<>(
                governanceTopic,
                PARTITION,
                event.key(),
                event.value(),
                new RecordHeaders(event.headers().toArray()));
    }

    private void createIfMissing() throws ExecutionException, TimeoutException, InterruptedException {
        if (admin.listTopics().names().get(ANSWER.toSeconds(), TimeUnit.SECONDS).contains(governanceTopic)) {
            return;
        }
        var topic = new NewTopic(governanceTopic, 1, replicationFactor)
                .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
        try {
            admin.createTopics(List.of(topic)).all().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private boolean holdsCompletenessRecord() {
        var found = new boolean[1];
        readToEnd(governanceTopic, record -> {
            if (record.headers().lastHeader(EventTopics.HEADER_GOVERNANCE_COMPLETE) != null) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** Copies the governance and routing events of the events topic, by global index, each once; how many. */
    private int copyFromEventsTopic() throws ExecutionException, InterruptedException {
        List<ConsumerRecord<String, byte[]>> governance = new ArrayList<>();
        readToEnd(eventsTopic, record -> {
            Header type = record.headers().lastHeader(EventEnvelope.HEADER_EVENT_TYPE);
            if (type != null && EventTopics.onGovernanceTopic(new String(type.value(), StandardCharsets.UTF_8))) {
                governance.add(record);
            }
        });
        governance.sort(Comparator.comparingLong(GovernanceTopic::globalIndex));
        Set<String> copied = new HashSet<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : governance) {
            if (copied.add(header(record, EventEnvelope.HEADER_EVENT_ID))) {
                sends.add(producer.send(new ProducerRecord<>(
                        governanceTopic, PARTITION, record.key(), record.value(), record.headers())));
            }
        }
        await(sends);
        return copied.size();
    }

    private ProducerRecord<String, byte[]> completenessRecord() {
        var record = new ProducerRecord<String, byte[]>(governanceTopic, PARTITION, "complete", new byte[0]);
        record.headers().add(EventTopics.HEADER_GOVERNANCE_COMPLETE, new byte[] {'1'});
        return record;
    }

    /** Hands every record of the topic, from its start to its end as of now, to {@code each}. */
    private void readToEnd(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "lyss-relay-governance-copy",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, ANSWER).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, ANSWER);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), ANSWER) < end.getValue())) {
                consumer.poll(ANSWER).forEach(each);
            }
        }
    }

    private static void await(List<Future<RecordMetadata>> sends) throws ExecutionException, InterruptedException {
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
    }

    private static long globalIndex(ConsumerRecord<String, byte[]> record) {
        return Long.parseLong(header(record, EventEnvelope.HEADER_GLOBAL_INDEX));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
