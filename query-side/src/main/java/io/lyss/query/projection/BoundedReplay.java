package io.lyss.query.projection;

import io.lyss.events.EventTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * Fails unless every partition still starts at offset 0: a rebuild or a report from the log needs the whole log,
     * which the events topic keeps with unlimited retention (see docs/adr/0023).
     */
    public void requireWholeLog() {
        try (KafkaConsumer<String, byte[]> kafka = consumer()) {
            kafka.beginningOffsets(partitions(kafka)).forEach((partition, start) -> {
                if (start > 0) {
                    throw new IncompleteLogException("Partition " + partition.partition() + " of " + topic
                            + " starts at offset " + start + ": earlier events were deleted by retention");
                }
            });
        }
    }

    /** The log no longer holds every event; nothing rebuilt from it would be complete. */
    public static final class IncompleteLogException extends IllegalStateException {
        IncompleteLogException(String message) {
            super(message);
        }
    }

    /**
     * Feeds a projection with the records in [from, to); a partition missing from {@code from} starts at its beginning.
     * Reading and decoding run on a thread of their own, one batch ahead of the writes, so Kafka, JSON and the store
     * work at the same time.
     */
    public void feed(Projection projection, DeadLetters deadLetters, Map<Integer, Long> from, Map<Integer, Long> to) {
        EventBatches batches = new EventBatches(projection, deadLetters, new ProjectionStatus(projection.name()));
        BlockingQueue<Object> handOver = new ArrayBlockingQueue<>(2);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread reader = Thread.ofPlatform()
                .name("lyss-replay-" + projection.name())
                .start(() -> {
                    Object last = END;
                    try {
                        read(from, to, records -> {
                            if (stopped.get()) {
                                throw new CancellationException("replay stopped");
                            }
                            Map<Integer, Long> next = new HashMap<>();
                            records.forEach(record -> next.put(record.partition(), record.offset() + 1));
                            put(handOver, batches.decode(records, next), stopped);
                        });
                    } catch (RuntimeException e) {
                        last = e;
                    }
                    put(handOver, last, stopped);
                });
        try {
            while (true) {
                Object item = handOver.take();
                if (item == END) {
                    projection.flush();
                    return;
                }
                if (item instanceof CancellationException) {
                    return;
                }
                if (item instanceof RuntimeException failure) {
                    throw failure;
                }
                batches.apply((EventBatches.DecodedBatch) item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", e);
        } finally {
            stopped.set(true);
            handOver.clear();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final Object END = new Object();

    /** Waits for room; gives up once the applier stopped taking (it failed or finished). */
    private static void put(BlockingQueue<Object> queue, Object item, AtomicBoolean stopped) {
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (stopped.get()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
                        10_000,
                        ConsumerConfig.CHECK_CRCS_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                        1024 * 1024,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        100,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                        64 * 1024 * 1024,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        16 * 1024 * 1024),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
