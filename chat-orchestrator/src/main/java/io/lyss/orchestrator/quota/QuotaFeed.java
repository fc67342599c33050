package io.lyss.orchestrator.quota;

import io.lyss.events.EventReader;
import io.lyss.events.EventTopics;
import io.lyss.feed.TopicFollower;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Replays budgets, rate limits and key owners from the start of the topic into the {@link QuotaView}, then
 * follows it. Until it has caught up, requests are refused rather than admitted past a budget it has not seen.
 */
public class QuotaFeed extends TopicFollower {

    private static final Set<String> TYPES =
            Set.of("governance.BudgetSet", "governance.RateLimitSet", "governance.ApiKeyIssued");

    private final QuotaView view;
    private final EventReader reader = new EventReader();
    private final Map<TopicPartition, Long> applied = new HashMap<>();
    private volatile boolean caughtUp;

    public QuotaFeed(QuotaView view, String bootstrapServers) {
        super(
                "quota-feed",
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "lyss-quota-feed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false));
        this.view = view;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Spend on other instances must reach this instance's budgets however busy it is. */
    @Override
    protected int threadPriority() {
        return Thread.NORM_PRIORITY;
    }

    @Override
    protected void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = awaitTopic(kafka);
        if (partitions.isEmpty()) {
            return;
        }
        kafka.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long next = applied.get(partition);
            if (next == null) {
                kafka.seekToBeginning(List.of(partition));
            } else {
                kafka.seek(partition, next);
            }
        }
        Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
        while (following()) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                if (eventTypeOf(record).filter(TYPES::contains).isPresent()) {
                    reader.payload(reader.envelope(record.value())).ifPresent(view::apply);
                }
                applied.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            if (!caughtUp) {
                caughtUp =
                        endAtStart.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
            }
        }
    }

    private List<TopicPartition> awaitTopic(KafkaConsumer<String, byte[]> kafka) {
        while (following()) {
            List<PartitionInfo> infos = kafka.partitionsFor(EventTopics.EVENTS, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
            }
            caughtUp = true; // nothing was ever recorded, so no budget exists yet
            pause(Duration.ofMillis(500));
        }
        return List.of();
    }
}
