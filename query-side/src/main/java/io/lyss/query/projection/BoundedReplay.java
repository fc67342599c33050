package io.lyss.query.projection;

import io.lyss.events.EventTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a fixed stretch of the event topic, partition by partition from a start offset up to (not including) an
 * end offset, without a consumer group. Rebuilds, catch-ups and point-in-time reports use it.
 */
public final class BoundedReplay {

    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String topic;

    public BoundedReplay(String bootstrapServers) {
        this(bootstrapServers, EventTopics.EVENTS);
    }

    /** Over another topic with the same record format (benchmarks use their own topic). */
    public BoundedReplay(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** The offset after the last record of every partition now. */
    public Map<Integer, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> kafka = consumer()) {
            Map<Integer, Long> ends = new HashMap<>();
            kafka.endOffsets(partitions(kafka)).forEach((partition, end) -> ends.put(partition.partition(), end));
            return ends;
        }
    }

    /** Feeds a projection with the records in [from, to); a partition missing from {@code from} starts at its beginning. */
    public void feed(Projection projection, DeadLetters deadLetters, Map<Integer, Long> from, Map<Integer, Long> to) {
        EventBatches batches = new EventBatches(projection, deadLetters, new ProjectionStatus(projection.name()));
        read(from, to, records -> {
            Map<Integer, Long> next = new HashMap<>();
            records.forEach(record -> next.put(record.partition(), record.offset() + 1));
            batches.apply(records, next);
        });
    }

    /** Hands the records in [from, to) to a reader, one polled batch at a time, in order within each partition. */
    public void read(
            Map<Integer, Long> from, Map<Integer, Long> to, Consumer<List<ConsumerRecord<String, byte[]>>> reader) {
        try (KafkaConsumer<String, byte[]> kafka = consumer()) {
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition partition : partitions(kafka)) {
                long end = to.getOrDefault(partition.partition(), 0L);
                Long start = from.get(partition.partition());
                if (start == null || start < end) {
                    pending.add(partition);
                }
            }
            kafka.assign(pending);
            for (TopicPartition partition : pending) {
                Long start = from.get(partition.partition());
                if (start == null) {
                    kafka.seekToBeginning(List.of(partition));
                } else {
                    kafka.seek(partition, start);
                }
            }
            pending.removeIf(partition -> kafka.position(partition) >= to.getOrDefault(partition.partition(), 0L));
            while (!pending.isEmpty()) {
                ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
                List<ConsumerRecord<String, byte[]>> wanted = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.offset() < to.getOrDefault(record.partition(), 0L)) {
                        wanted.add(record);
                    }
                }
                if (!wanted.isEmpty()) {
                    reader.accept(wanted);
                }
                pending.removeIf(partition -> kafka.position(partition) >= to.getOrDefault(partition.partition(), 0L));
                kafka.pause(kafka.assignment().stream()
                        .filter(p -> !pending.contains(p))
                        .toList());
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic);
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                        64 * 1024 * 1024,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        16 * 1024 * 1024),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
