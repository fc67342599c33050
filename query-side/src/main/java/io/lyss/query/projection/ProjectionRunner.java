package io.lyss.query.projection;

import io.lyss.events.EventTopics;
import io.lyss.feed.TopicFollower;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Feeds one {@link Projection} from the event topic. Positions come from the projection's own checkpoint, not
 * from Kafka's committed offsets, so the read model and its position always agree. A batch that fails because the
 * store is down is neither applied nor checkpointed; the next session starts again from the checkpoint. An event
 * that fails by itself is parked (see {@link EventBatches}).
 */
public final class ProjectionRunner extends TopicFollower {

    private final Projection projection;
    private final Duration pollTimeout;
    private final EventBatches batches;
    private final ProjectionStatus status;
    private final Queue<PausedTask<?>> pausedTasks = new ConcurrentLinkedQueue<>();

    public ProjectionRunner(
            Projection projection, String bootstrapServers, Duration pollTimeout, DeadLetters deadLetters) {
        this(projection, bootstrapServers, pollTimeout, Duration.ZERO, deadLetters);
    }

    /** @param gatherFor how long a fetch may wait for more events to gather ({@link TopicFollower}) */
    public ProjectionRunner(
            Projection projection,
            String bootstrapServers,
            Duration pollTimeout,
            Duration gatherFor,
            DeadLetters deadLetters) {
        super("projection-" + projection.name(), consumerSettings(projection.name(), bootstrapServers), gatherFor);
        this.projection = projection;
        this.pollTimeout = pollTimeout;
        this.status = new ProjectionStatus(projection.name());
        this.batches = new EventBatches(projection, deadLetters, status);
    }

    static Map<String, Object> consumerSettings(String name, String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "lyss-query-" + name,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "lyss-query-" + name,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                2000);
    }

    public Projection projection() {
        return projection;
    }

    public ProjectionStatus status() {
        return status;
    }

    /**
     * Runs work while this runner is between two batches, so the live read model holds still; afterwards the runner
     * resumes from the projection's checkpoint (which the work may have moved). Runs at once when the runner is not
     * running.
     */
    public <T> CompletableFuture<T> whilePaused(Supplier<T> work) {
        if (!isRunning()) {
            return CompletableFuture.completedFuture(work.get());
        }
        PausedTask<T> task = new PausedTask<>(work, new CompletableFuture<>());
        pausedTasks.add(task);
        return task.result;
    }

    @Override
    protected void follow(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(List.of(EventTopics.EVENTS), new SeekToCheckpoint(kafka));
        while (following()) {
            if (runPausedTasks()) {
                seekToCheckpoint(kafka, kafka.assignment());
            }
            ConsumerRecords<String, byte[]> records = kafka.poll(pollTimeout);
            try {
                project(records);
            } catch (RuntimeException e) {
                status.failed(e);
                throw e;
            }
            for (TopicPartition partition : kafka.assignment()) {
                kafka.currentLag(partition).ifPresent(lag -> status.lag(partition.partition(), lag));
            }
        }
    }

    private boolean runPausedTasks() {
        boolean ran = false;
        for (PausedTask<?> task = pausedTasks.poll(); task != null; task = pausedTasks.poll()) {
            task.run();
            ran = true;
        }
        return ran;
    }

    private void project(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            all.add(record);
            nextOffsets.put(record.partition(), record.offset() + 1);
        }
        batches.apply(all, nextOffsets);
    }

    private void seekToCheckpoint(KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> partitions) {
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
        if (!fresh.isEmpty()) { // an empty list would mean every assigned partition
            kafka.seekToBeginning(fresh);
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
            seekToCheckpoint(kafka, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing to commit: positions live in the checkpoint
        }
    }

    private record PausedTask<T>(Supplier<T> work, CompletableFuture<T> result) {
        void run() {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
