package io.lyss.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import io.lyss.events.EventCatalogue;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.EventTopics;
import io.lyss.events.LyssEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/** Turns a stored event into its Kafka record: the Lyss envelope as value, the aggregate id as key. */
final class EnvelopeWriter {

    private static final String UNKNOWN_ACTOR = Actor.system("command-side").asText();

    private final ObjectMapper json = EventJson.newMapper();

    ProducerRecord<String, byte[]> toRecord(EventMessage<?> message, long globalIndex) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)
                || !(message.getPayload() instanceof LyssEvent event)) {
            throw new IllegalArgumentException("Only aggregate events of the catalogue are relayed, got "
                    + message.getPayloadType().getName());
        }
        EventCatalogue.Entry entry = EventCatalogue.of(event.getClass());
        var envelope = new EventEnvelope(
                message.getIdentifier(),
                entry.name(),
                entry.revision(),
                message.getTimestamp(),
                event.workspaceId(),
                String.valueOf(message.getMetaData().getOrDefault(Provenance.ACTOR, UNKNOWN_ACTOR)),
                String.valueOf(message.getMetaData().getOrDefault(Provenance.CORRELATION_ID, message.getIdentifier())),
                domainEvent.getAggregateIdentifier(),
                domainEvent.getSequenceNumber(),
                globalIndex,
                json.valueToTree(event));
        var record = new ProducerRecord<>(EventTopics.EVENTS, envelope.aggregateId(), serialize(envelope));
        record.headers()
                .add(EventEnvelope.HEADER_EVENT_ID, utf8(envelope.eventId()))
                .add(EventEnvelope.HEADER_EVENT_TYPE, utf8(envelope.type()))
                .add(EventEnvelope.HEADER_GLOBAL_INDEX, utf8(Long.toString(globalIndex)));
        return record;
    }

    private byte[] serialize(EventEnvelope envelope) {
        try {
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize event " + envelope.eventId(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
