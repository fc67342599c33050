package io.lyss.orchestrator.cache;

import io.lyss.events.EventReader;
import io.lyss.events.EventTopics;
import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.UserForgotten;
import io.lyss.events.usage.TokensSpent;
import io.lyss.feed.TopicFollower;
import io.lyss.orchestrator.erasure.ErasedUsers;
import io.lyss.security.personal.ConversationContents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link ProjectedAnswerCache} from the event log: a turn with a request hash and a complete answer,
 * joined with its {@code TokensSpent} (same conversation, so same partition, right after it), becomes a cache
 * entry that remembers what it cost. Every instance reads every partition, so the cache is rebuilt on each start
 * and is alike everywhere; a start reads only the latest turns, as many as the cache keeps (the log of turns grows
 * without bound; docs/adr/0043). Answers are opened with their subject's data key (ADR 0026): a
 * forgotten user's turns no longer open, and {@code UserForgotten} drops what was cached from them (and tells the
 * other {@link ErasedUsers} of this instance).
 */
public final class AnswerCacheFeed extends TopicFollower {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerCacheFeed.class);

    private static final String TURN = "conversation.TurnCompleted";
    private static final String SPENT = "usage.TokensSpent";
    private static final String FORGOTTEN = "memory.UserForgotten";
    private static final int MAX_PENDING = 10_000;
    /** Records a turn puts on the topic, about: ConversationStarted, TurnCompleted, TokensSpent, WorkflowRunRecorded. */
    private static final int RECORDS_PER_TURN = 4;

    private final ProjectedAnswerCache cache;
    private final ConversationContents contents;
    private final List<ErasedUsers> erasures;
    private final String topic;
    private final EventReader reader = new EventReader();
    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private final Map<Integer, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, TurnCompleted> awaitingSpend = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TurnCompleted> eldest) {
            return size() > MAX_PENDING;
        }
    };

    /** A feed that opens plain (pre-revision-4) turns only and tells nobody else about erasures (tests). */
    public AnswerCacheFeed(ProjectedAnswerCache cache, String bootstrapServers) {
        this(cache, ConversationContents.plainOnly(), List.of(), bootstrapServers, EventTopics.EVENTS);
    }

    /** @param erasures the other holders of personal content on this instance, told about forgotten users */
    public AnswerCacheFeed(
            ProjectedAnswerCache cache,
            ConversationContents contents,
            List<ErasedUsers> erasures,
            String bootstrapServers) {
        this(cache, contents, erasures, bootstrapServers, EventTopics.EVENTS);
    }

    /** A new answer may be served from the cache this much later, so that fetches carry many turns under load. */
    private static final Duration GATHER_FOR = Duration.ofMillis(50);

    AnswerCacheFeed(
            ProjectedAnswerCache cache,
            ConversationContents contents,
            List<ErasedUsers> erasures,
            String bootstrapServers,
            String topic) {
        super(
                "answer-cache-feed",
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "lyss-answer-cache-feed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                GATHER_FOR);
        this.cache = cache;
        this.contents = contents;
        this.erasures = List.copyOf(erasures);
        this.topic = topic;
    }

    @Override
    protected void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = partitions(kafka);
        if (partitions.isEmpty()) {
            return;
        }
        kafka.assign(partitions);
        List<TopicPartition> unread = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = applied.get(partition);
            if (next == null) {
                unread.add(partition);
            } else {
                kafka.seek(partition, next);
            }
        }
        seekToTheLatestTurns(kafka, unread, partitions.size());
        while (following()) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                try {
                    eventTypeOf(record)
                            .filter(type -> type.equals(TURN) || type.equals(SPENT) || type.equals(FORGOTTEN))
                            .map(type -> reader.read(record.value()).payload())
                            .ifPresent(this::apply);
                } catch (IllegalArgumentException | IllegalStateException unreadable) {
                    // The cache is best effort: an event it cannot read costs one cacheable answer, never the feed.
                    LOG.warn(
                            "answer-cache-feed skipped an unreadable event at {}-{}@{}",
                            record.topic(),
                            record.partition(),
                            record.offset());
                }
                applied.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
        }
    }

    /**
     * Starts each partition where its share of the newest turns the cache can hold begins (turns spread over the
     * partitions by conversation): reading further back would fill the cache with answers it drops again, opening and
     * embedding each. The feed's own position is kept across Kafka outages, so this happens once per process.
     */
    private void seekToTheLatestTurns(
            KafkaConsumer<String, byte[]> kafka, List<TopicPartition> unread, int partitions) {
        if (unread.isEmpty()) {
            return;
        }
        long share = Math.ceilDiv((long) cache.capacity() * RECORDS_PER_TURN, partitions);
        Map<TopicPartition, Long> beginnings = kafka.beginningOffsets(unread);
        Map<TopicPartition, Long> ends = kafka.endOffsets(unread);
        for (TopicPartition partition : unread) {
            long from = Math.max(beginnings.get(partition), ends.get(partition) - share);
            kafka.seek(partition, from);
            startedAt.put(partition.partition(), from);
        }
    }

    /** Where the feed began reading each partition. */
    Map<Integer, Long> startedAt() {
        return Map.copyOf(startedAt);
    }

    /** How far the feed has read: the next offset of each partition of the topic. */
    public Map<Integer, Long> positions() {
        return applied.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(entry -> entry.getKey().partition(), Map.Entry::getValue));
    }

    void apply(LyssEvent event) {
        switch (event) {
            case TurnCompleted turn
            when mayBeReusable(turn) -> {
                contents.open(turn)
                        .filter(AnswerCacheFeed::reusable)
                        .ifPresent(opened -> awaitingSpend.put(opened.turnId(), opened));
            }
            case UserForgotten forgotten -> {
                contents.forgotten(forgotten);
                awaitingSpend
                        .values()
                        .removeIf(turn -> forgotten.workspaceId().equals(turn.workspaceId())
                                && forgotten.userId().equals(turn.endUserId()));
                cache.forget(forgotten.workspaceId(), forgotten.userId());
                erasures.forEach(erased -> erased.forget(forgotten.workspaceId(), forgotten.userId()));
            }
            case TokensSpent spent -> {
                TurnCompleted turn = awaitingSpend.remove(spent.requestId());
                if (turn != null) {
                    cache.remember(
                            turn.workspaceId(),
                            turn.model(),
                            turn.requestHash(),
                            turn.question(),
                            new CachedAnswer(
                                    "exact",
                                    turn.turnId(),
                                    turn.answer(),
                                    turn.finishReason(),
                                    spent.promptTokens(),
                                    spent.completionTokens(),
                                    spent.costMicros(),
                                    1.0),
                            turn.subject());
                }
            }
            default -> {
                // not a reusable answer
            }
        }
    }

    /** Worth opening: the answer may be reused (the text is checked once opened). */
    private static boolean mayBeReusable(TurnCompleted turn) {
        return turn.requestHash() != null && "stop".equals(turn.finishReason());
    }

    private static boolean reusable(TurnCompleted turn) {
        return mayBeReusable(turn) && turn.answer() != null && !turn.answer().isBlank();
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        while (following()) {
            var infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
            }
            pause(Duration.ofMillis(500));
        }
        return List.of();
    }
}
