package io.lyss.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventCatalogue;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.LyssEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An event as the relay puts it on a topic (envelope as value, type header), for feeds under test. */
public final class RelayedRecord {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private RelayedRecord() {}

    /** @param partition the partition, or null for the key's */
    public static ProducerRecord<String, byte[]> of(String topic, Integer partition, String key, LyssEvent event)
            throws JsonProcessingException {
        EventCatalogue.Entry entry = EventCatalogue.of(event.getClass());
        var envelope = new EventEnvelope(
                UUID.randomUUID().toString(),
                entry.name(),
                entry.revision(),
                Instant.now(),
                event.workspaceId(),
                "SYSTEM:test",
                "test",
                key,
                0,
                0,
                JSON.valueToTree(event));
        var record = new ProducerRecord<>(topic, partition, key, JSON.writeValueAsBytes(envelope));
        record.headers().add(EventEnvelope.HEADER_EVENT_TYPE, entry.name().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
