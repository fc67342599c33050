package io.lyss.orchestrator.governance;

import io.lyss.events.EventReader;
import io.lyss.events.EventTopics;
import io.lyss.events.LyssEvent;
import io.lyss.feed.TopicFollower;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the governance topic from its start into the {@link GovernanceView}, then follows it. The topic holds the
 * governance and routing events only, in the order they were stored (docs/adr/0043), so a start reads what keys,
 * channels and limits need, not the whole log of turns. Every orchestrator instance reads it all (no consumer
 * group): each holds the whole view. After a Kafka outage it goes on from where the view stands. Routing events
 * (circuit changes of other instances) go, with the time they were recorded, to the routing listener. Other views
 * built from governance events (the budgets and rate limits of {@code QuotaView}) are told the same events here, so
 * that one consumer reads the topic for all.
 */
public class GovernanceFeed extends TopicFollower {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceFeed.class);
    private static final String GOVERNANCE_PREFIX = "governance.";
    private static final String ROUTING_PREFIX = "routing.";
    private static final int MISSING_TOPIC_ANSWERS = 6;

    private final Consumer<LyssEvent> governance;
    private final BiConsumer<LyssEvent, Instant> routing;
    private final String topic;
    private final EventReader reader = new EventReader();
    /** Next offset to apply per partition; touched only by the follower's thread. */
    private final Map<TopicPartition, Long> applied = new HashMap<>();

    private volatile boolean caughtUp;
    /** The relay vouched that the topic holds every governance event recorded before that point. */
    private boolean sawCompletenessRecord;

    public GovernanceFeed(GovernanceView view, String bootstrapServers) {
        this(view::apply, bootstrapServers, EventTopics.GOVERNANCE, (event, occurredAt) -> {});
    }

    /**
     * @param alsoTold other views of governance events, told each one after the governance view
     * @param routing told of every routing event (circuit changes) with the time it was recorded
     */
    public GovernanceFeed(
            GovernanceView view,
            List<Consumer<LyssEvent>> alsoTold,
            String bootstrapServers,
            BiConsumer<LyssEvent, Instant> routing) {
        this(inTurn(view, alsoTold), bootstrapServers, EventTopics.GOVERNANCE, routing);
    }

    GovernanceFeed(GovernanceView view, List<Consumer<LyssEvent>> alsoTold, String bootstrapServers, String topic) {
        this(inTurn(view, alsoTold), bootstrapServers, topic, (event, occurredAt) -> {});
    }

    private GovernanceFeed(
            Consumer<LyssEvent> governance,
            String bootstrapServers,
            String topic,
            BiConsumer<LyssEvent, Instant> routing) {
        super(
                "governance-feed",
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "lyss-governance-feed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false));
        this.governance = governance;
        this.routing = routing;
        this.topic = topic;
    }

    private static Consumer<LyssEvent> inTurn(GovernanceView view, List<Consumer<LyssEvent>> alsoTold) {
        Consumer<LyssEvent> all = view::apply;
        for (Consumer<LyssEvent> other : alsoTold) {
            all = all.andThen(other);
        }
        return all;
    }

    /**
     * True once everything on the topic when the feed started has been applied and the topic was vouched whole: a
     * topic the relay is still filling (the first start after an upgrade) could lack keys that are valid.
     */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Revoked keys, changed channels and limits must reach this instance however busy it is. */
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
        seekToWhereTheViewStands(kafka, partitions);
        Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
        while (following()) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                if (record.headers().lastHeader(EventTopics.HEADER_GOVERNANCE_COMPLETE) != null) {
                    sawCompletenessRecord = true;
                } else {
                    applyIfGovernance(record);
                }
                applied.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            if (!caughtUp) {
                caughtUp = sawCompletenessRecord
                        && endAtStart.entrySet().stream()
                                .allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
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

    /** The topic's partitions once it exists; empty when the follower stops first. */
    private List<TopicPartition> awaitTopic(KafkaConsumer<String, byte[]> kafka) {
        int answersWithoutTopic = 0;
        while (following()) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
            }
            // Nothing was ever recorded (not even the events topic exists): there is nothing to catch up with until
            // the relay creates the topics. A broker that has just started may not know its topics yet, so only
            // repeated answers count. With events but no governance topic, the relay has yet to make it.
            if (++answersWithoutTopic >= MISSING_TOPIC_ANSWERS && nothingRecorded(kafka)) {
                caughtUp = true;
            }
            LOG.debug("Topic {} does not exist yet; waiting for it", topic);
            pause(Duration.ofMillis(500));
        }
        return List.of();
    }

    private static boolean nothingRecorded(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> events = kafka.partitionsFor(EventTopics.EVENTS, Duration.ofSeconds(5));
        return events == null || events.isEmpty();
    }

    private void applyIfGovernance(ConsumerRecord<String, byte[]> record) {
        String type = eventTypeOf(record).orElse("");
        if (type.startsWith(GOVERNANCE_PREFIX)) {
            Optional.ofNullable(reader.read(record.value()).payload()).ifPresent(governance);
        } else if (type.startsWith(ROUTING_PREFIX)) {
            EventReader.Read read = reader.read(record.value());
            if (read.payload() != null) {
                routing.accept(read.payload(), read.envelope().occurredAt());
            }
        }
    }
}
