package io.lyss.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventCatalogue;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.EventTopics;
import io.lyss.events.LyssEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the real event topic exactly as the command side's relay does: the envelope as value, the
 * aggregate id as key, event id / type / global index as headers. Global indices come from a clock-seeded counter, so
 * they grow across test runs.
 */
public final class TopicPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final AtomicLong POSITIONS = new AtomicLong(System.currentTimeMillis() * 1000);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public TopicPublisher(String bootstrapServers) {
        this(bootstrapServers, EventTopics.EVENTS);
    }

    public TopicPublisher(String bootstrapServers, String topic) {
        this.topic = topic;
        ensureTopic(bootstrapServers, topic);
        // Not idempotent, one request in flight: Kafka 3.9's broker can silently lose an idempotent producer's first
        // batch on a partition it has just created (KAFKA-15591; seen here as two minutes of OUT_OF_ORDER_SEQUENCE
        // retries, then ten events missing). The relay is safe from it: it waits for every send and retries.
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The envelope the relay would write for this event, with a fresh id and the next global position. */
    public static EventEnvelope envelope(LyssEvent event, String aggregateId, String actor, Instant occurredAt) {
        EventCatalogue.Entry entry = EventCatalogue.of(event.getClass());
        return new EventEnvelope(
                UUID.randomUUID().toString(),
                entry.name(),
                entry.revision(),
                occurredAt,
                event.workspaceId(),
                actor,
                "corr-" + UUID.randomUUID(),
                aggregateId,
                0,
                POSITIONS.incrementAndGet(),
                JSON.valueToTree(event));
    }

    public static EventEnvelope envelope(LyssEvent event, String aggregateId) {
        return envelope(event, aggregateId, "SYSTEM:test", Instant.now());
    }

    /** Same envelope with another payload (to build poison events the relay would never write). */
    public static EventEnvelope withPayload(EventEnvelope envelope, JsonNode payload) {
        return new EventEnvelope(
                envelope.eventId(),
                envelope.type(),
                envelope.revision(),
                envelope.occurredAt(),
                envelope.workspaceId(),
                envelope.actor(),
                envelope.correlationId(),
                envelope.aggregateId(),
                envelope.aggregateSequence(),
                envelope.globalIndex(),
                payload);
    }

    /** Same envelope at another global position. */
    public static EventEnvelope withPosition(EventEnvelope envelope, long globalIndex) {
        return new EventEnvelope(
                envelope.eventId(),
                envelope.type(),
                envelope.revision(),
                envelope.occurredAt(),
                envelope.workspaceId(),
                envelope.actor(),
                envelope.correlationId(),
                envelope.aggregateId(),
                envelope.aggregateSequence(),
                globalIndex,
                envelope.payload());
    }

    public RecordMetadata publish(EventEnvelope envelope) {
        try {
            return publishRaw(
                    envelope.aggregateId(),
                    envelope.eventId(),
                    envelope.type(),
                    envelope.globalIndex(),
                    JSON.writeValueAsBytes(envelope));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publishAll(List<EventEnvelope> envelopes) {
        envelopes.forEach(this::publish);
    }

    /**
     * Sends many envelopes without waiting for each, then waits until all are acknowledged (order kept per key);
     * fails if any was not.
     */
    public void publishMany(List<EventEnvelope> envelopes) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : envelopes) {
            try {
                var record = new ProducerRecord<>(topic, envelope.aggregateId(), JSON.writeValueAsBytes(envelope));
                record.headers()
                        .add(EventEnvelope.HEADER_EVENT_ID, envelope.eventId().getBytes(StandardCharsets.UTF_8))
                        .add(EventEnvelope.HEADER_EVENT_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8))
                        .add(
                                EventEnvelope.HEADER_GLOBAL_INDEX,
                                Long.toString(envelope.globalIndex()).getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(record));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        producer.flush();
        sends.forEach(TopicPublisher::acknowledged);
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> send) {
        try {
            return send.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("An event was not published", e.getCause());
        }
    }

    /** A record with the relay's headers and any value. */
    public RecordMetadata publishRaw(String key, String eventId, String type, long globalIndex, byte[] value) {
        var record = new ProducerRecord<>(topic, key, value);
        record.headers()
                .add(EventEnvelope.HEADER_EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8))
                .add(EventEnvelope.HEADER_EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8))
                .add(
                        EventEnvelope.HEADER_GLOBAL_INDEX,
                        Long.toString(globalIndex).getBytes(StandardCharsets.UTF_8));
        return acknowledged(producer.send(record));
    }

    public static void ensureTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get();
            if (!topics.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1)))
                        .all()
                        .get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
