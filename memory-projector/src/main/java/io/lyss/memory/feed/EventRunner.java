package io.lyss.memory.feed;

import io.lyss.events.EventReader;
import io.lyss.feed.TopicFollower;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Feeds one {@link Projection} from the event topic, positioned by the projection's own checkpoint (never by
 * Kafka's committed offsets). A failing batch is not checkpointed; the next session resumes from the checkpoint.
 */
public final class EventRunner extends TopicFollower {

    private final Projection projection;
    private final Duration pollTimeout;
    private final EventReader reader = new EventReader();

    /** Memories are mined from turns in batches anyway; fetches may wait this long for more turns. */
    private static final Duration GATHER_FOR = Duration.ofMillis(100);

    /**
     * @param groupSuffix appended to the consumer group: a unique one makes every instance read every partition
     */
    public EventRunner(
            Projection projection, String bootstrapServers, Duration pollTimeout, int maxBatch, String groupSuffix) {
        super(
                "memory-" + projection.name(),
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "lyss-memory-" + projection.name() + groupSuffix,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        maxBatch),
                GATHER_FOR);
        this.projection = projection;
        this.pollTimeout = pollTimeout;
    }

    @Override
    protected void follow(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(List.of(projection.topic()), new SeekToCheckpoint(kafka));
        while (following()) {
            feed(kafka.poll(pollTimeout));
        }
    }

    private void feed(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<FedEvent> events = new ArrayList<>();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            nextOffsets.put(record.partition(), record.offset() + 1);
            if (eventTypeOf(record).filter(projection.eventTypes()::contains).isPresent()) {
                EventReader.Read read = reader.read(record.value());
                if (read.payload() != null) {
                    events.add(new FedEvent(read.envelope(), read.payload()));
                }
            }
        }
        projection.apply(events, nextOffsets);
    }

    private final class SeekToCheckpoint implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        SeekToCheckpoint(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<Integer, Long> checkpoint = projection.checkpoint();
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                Long next = checkpoint.get(partition.partition());
                if (next == null) {
                    fresh.add(partition);
                } else {
                    kafka.seek(partition, next);
                }
            }
            kafka.seekToBeginning(fresh);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // positions live in the checkpoint
        }
    }
}
