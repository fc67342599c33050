package io.lyss.query.projection;

import io.lyss.events.EventEnvelope;
import io.lyss.events.EventReader;
import io.lyss.events.EventTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds one {@link Projection} from the event topic. Positions come from the projection's own checkpoint, not
 * from Kafka's committed offsets, so the read model and its position always agree.
 */
public final class ProjectionRunner implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);

    private final Projection projection;
    private final String bootstrapServers;
    private final Duration pollTimeout;
    private final EventReader reader = new EventReader();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ProjectionRunner(Projection projection, String bootstrapServers, Duration pollTimeout) {
        this.projection = projection;
        this.bootstrapServers = bootstrapServers;
        this.pollTimeout = pollTimeout;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform()
                .daemon()
                .name("lyss-projection-" + projection.name())
                .start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = newConsumer()) {
                consumer = kafka;
                kafka.subscribe(List.of(EventTopics.EVENTS), new SeekToCheckpoint(kafka));
                while (running) {
                    project(kafka.poll(pollTimeout));
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // The batch was not applied and its checkpoint not moved: start over from the stored checkpoint.
                LOG.error("Projection {} failed; resuming from its checkpoint", projection.name(), e);
                pauseBeforeRetry();
            }
        }
    }

    private void project(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<ProjectedEvent> events = new ArrayList<>();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            nextOffsets.put(record.partition(), record.offset() + 1);
            typeOf(record).filter(projection.eventTypes()::contains).ifPresent(type -> {
                EventEnvelope envelope = reader.envelope(record.value());
                reader.payload(envelope).ifPresent(payload -> events.add(new ProjectedEvent(envelope, payload)));
            });
        }
        projection.apply(events, nextOffsets);
    }

    private static Optional<String> typeOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EventEnvelope.HEADER_EVENT_TYPE);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "lyss-query-" + projection.name(),
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "lyss-query-" + projection.name(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private void pauseBeforeRetry() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** On every assignment, positions come from the projection's checkpoint. */
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
            // nothing to commit: positions live in the checkpoint
        }
    }
}
