package io.lyss.orchestrator.governance;

import io.lyss.events.EventEnvelope;
import io.lyss.events.EventReader;
import io.lyss.events.EventTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Replays the governance events from the start of the topic into the {@link GovernanceView}, then follows it.
 * Every orchestrator instance reads every partition (no consumer group): each holds the whole view.
 */
public class GovernanceFeed implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceFeed.class);
    private static final String GOVERNANCE_PREFIX = "governance.";

    private final GovernanceView view;
    private final String bootstrapServers;
    private final String topic;
    private final EventReader reader = new EventReader();
    /** Next offset to apply per partition; touched only by the feed's thread. */
    private final Map<TopicPartition, Long> applied = new HashMap<>();

    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public GovernanceFeed(GovernanceView view, String bootstrapServers) {
        this(view, bootstrapServers, EventTopics.EVENTS);
    }

    GovernanceFeed(GovernanceView view, String bootstrapServers, String topic) {
        this.view = view;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** True once everything on the topic when the feed started has been applied. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("lyss-governance-feed").start(this::follow);
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

    /** Follows the topic until stopped; when Kafka fails, reconnects and goes on from where the view stands. */
    private void follow() {
        while (running) {
            try {
                replayThenFollow();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn(
                        "The governance feed lost Kafka ({}); reconnecting",
                        e.getClass().getSimpleName());
                pauseBeforeRetry();
            }
        }
    }

    private void replayThenFollow() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "lyss-governance-feed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            List<TopicPartition> partitions = awaitTopic(kafka);
            kafka.assign(partitions);
            seekToWhereTheViewStands(kafka, partitions);
            Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                    applyIfGovernance(record);
                    applied.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                if (!caughtUp) {
                    caughtUp = endAtStart.entrySet().stream()
                            .allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
                }
            }
        }
    }

    /**
     * Never replays what the view already holds: replaying an issued-then-revoked key would make it valid again
     * for a moment.
     */
    private void seekToWhereTheViewStands(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        List<TopicPartition> unseen = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = applied.get(partition);
            if (next == null) {
                unseen.add(partition);
            } else {
                kafka.seek(partition, next);
            }
        }
        kafka.seekToBeginning(unseen);
    }

    private List<TopicPartition> awaitTopic(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
            }
            // Nothing was ever recorded: there is nothing to catch up with until the relay creates the topic.
            caughtUp = true;
            LOG.debug("Topic {} does not exist yet; waiting for it", topic);
            pauseBeforeRetry();
        }
        throw new WakeupException();
    }

    private void pauseBeforeRetry() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void applyIfGovernance(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventEnvelope.HEADER_EVENT_TYPE);
        if (type == null || !new String(type.value(), StandardCharsets.UTF_8).startsWith(GOVERNANCE_PREFIX)) {
            return;
        }
        reader.payload(reader.envelope(record.value())).ifPresent(view::apply);
    }
}
