package io.lyss.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import io.lyss.events.EventCatalogue;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.EventTopics;
import io.lyss.events.LyssEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;

/**
 * Turns a stored event into its Kafka record: the Lyss envelope as value, the aggregate id as key. The payload goes
 * into the envelope as the event store holds it, and the provenance is read from the stored metadata: asked for
 * their JSON with the serializer that stored them, an event read from the store gives its stored bytes, never
 * deserialised. Deserialising each event and its metadata to build a tree of the event was half of the relay's CPU
 * (docs/benchmarks.md, stop 16); the event serializer uses the same {@link EventJson} mapping as the envelope, so the
 * payload's JSON is the same.
 */
final class EnvelopeWriter {

    private static final String UNKNOWN_ACTOR = Actor.system("command-side").asText();
    private static final String WORKSPACE_FIELD = "workspaceId";
    private static final Set<String> WORKSPACE = Set.of(WORKSPACE_FIELD);
    private static final Set<String> PROVENANCE = Set.of(Provenance.ACTOR, Provenance.CORRELATION_ID);

    private final ObjectMapper json = EventJson.newMapper();
    private final TopLevelText fields = new TopLevelText(json.getFactory());
    private final Serializer storedWith;

    /** @param storedWith the serializer the event store wrote payloads with (Axon's {@code eventSerializer}) */
    EnvelopeWriter(Serializer storedWith) {
        this.storedWith = storedWith;
    }

    ProducerRecord<String, byte[]> toRecord(EventMessage<?> message, long globalIndex) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)
                || !LyssEvent.class.isAssignableFrom(message.getPayloadType())) {
            throw new IllegalArgumentException("Only aggregate events of the catalogue are relayed, got "
                    + message.getPayloadType().getName());
        }
        EventCatalogue.Entry entry = EventCatalogue.of(message.getPayloadType());
        byte[] payload = message.serializePayload(storedWith, byte[].class).getData();
        Map<String, String> provenance =
                fields.of(message.serializeMetaData(storedWith, byte[].class).getData(), PROVENANCE);
        var envelope = new EventEnvelope(
                message.getIdentifier(),
                entry.name(),
                entry.revision(),
                message.getTimestamp(),
                workspaceOf(message, payload),
                provenance.getOrDefault(Provenance.ACTOR, UNKNOWN_ACTOR),
                provenance.getOrDefault(Provenance.CORRELATION_ID, message.getIdentifier()),
                domainEvent.getAggregateIdentifier(),
                domainEvent.getSequenceNumber(),
                globalIndex,
                json.getNodeFactory().rawValueNode(new RawValue(new String(payload, StandardCharsets.UTF_8))));
        var record = new ProducerRecord<>(EventTopics.EVENTS, envelope.aggregateId(), serialize(envelope));
        record.headers()
                .add(EventEnvelope.HEADER_EVENT_ID, utf8(envelope.eventId()))
                .add(EventEnvelope.HEADER_EVENT_TYPE, utf8(envelope.type()))
                .add(EventEnvelope.HEADER_GLOBAL_INDEX, utf8(Long.toString(globalIndex)));
        return record;
    }

    /** The workspace as the payload's JSON has it; asked of the deserialised event when the JSON has none as text. */
    private String workspaceOf(EventMessage<?> message, byte[] payload) {
        String workspaceId = fields.of(payload, WORKSPACE).get(WORKSPACE_FIELD);
        return workspaceId != null ? workspaceId : ((LyssEvent) message.getPayload()).workspaceId();
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
