package io.lyss.feed;

import io.lyss.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A thread that follows the event topic for as long as the application runs. Each session opens a consumer and
 * reads until it fails; a failed session is logged and a new one starts after a pause, so a Kafka outage delays
 * the follower but never stops it. Subclasses say where a session starts and what to do with records.
 */
public abstract class TopicFollower implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    /** Bytes of records a gathering fetch waits for: a few dozen events. */
    static final int GATHER_BYTES = 64 * 1024;
    /**
     * The most bytes of records one fetch brings. The client reads each answer into one array; Kafka's default
     * (1 MiB per partition, up to 50 MiB) made each fetch of a follower that lags a humongous object of up to 4 MiB
     * in the platform's 1 GiB heap, and each of those set off a concurrent marking (ADR 0048). A quarter of a G1
     * region is a few hundred events, and a follower that lags fetches again at once.
     */
    static final int FETCH_BYTES = 256 * 1024;

    private final String name;
    private final Map<String, Object> consumerSettings;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param name names the thread and the log lines
     * @param consumerSettings Kafka consumer settings (bootstrap servers, group...); deserializers are set here
     */
    protected TopicFollower(String name, Map<String, Object> consumerSettings) {
        this(name, consumerSettings, Duration.ZERO);
    }

    /**
     * A follower whose fetches the broker answers once {@value #GATHER_BYTES} bytes of records wait or after
     * {@code gatherFor}, whichever comes first, rather than as soon as one record is there. Every follower reads
     * every event of the topic, so under load this spares the broker and the follower many small fetches, for at
     * most {@code gatherFor} of added delay when the topic is quiet.
     *
     * @param gatherFor the longest a fetch waits for records to gather; zero answers with the first record
     */
    protected TopicFollower(String name, Map<String, Object> consumerSettings, Duration gatherFor) {
        this.name = name;
        Map<String, Object> settings = new HashMap<>(consumerSettings);
        settings.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
        settings.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
        if (gatherFor.isPositive()) {
            settings.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, GATHER_BYTES);
            settings.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) gatherFor.toMillis());
        }
        this.consumerSettings = Map.copyOf(settings);
    }

    /** Reads with this consumer until the follower stops or something fails. */
    protected abstract void follow(KafkaConsumer<String, byte[]> consumer);

    /** True until {@link #stop()}; sessions loop on it. */
    protected final boolean following() {
        return running;
    }

    /**
     * The priority of the follower's thread: the lowest by default, so that keeping read models and caches up to
     * date yields the CPU to the requests being answered (ADR 0036; it takes effect where the JVM maps priorities
     * to the operating system's, as {@code ./lyss up} runs it). A follower whose delay matters more than the
     * requests' (say, one that propagates a revoked key) returns {@link Thread#NORM_PRIORITY}.
     */
    protected int threadPriority() {
        return Thread.MIN_PRIORITY;
    }

    /** The event type named in a record's headers, so that uninteresting records need not be parsed. */
    protected static Optional<String> eventTypeOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EventEnvelope.HEADER_EVENT_TYPE);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Waits before retrying something inside a session; false when the follower is stopping. */
    protected final boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform()
                .daemon()
                .priority(threadPriority())
                .name("lyss-" + name)
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
            try (KafkaConsumer<String, byte[]> session =
                    new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = session;
                follow(session);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("{} failed; starting over from its last position", name, e);
                pause(PAUSE_AFTER_FAILURE);
            }
        }
    }
}
