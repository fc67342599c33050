package io.lyss.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Reads envelopes and their payloads as consumers receive them from Kafka. */
public final class EventReader {

    private final ObjectMapper json = EventJson.newMapper();

    /**
     * An envelope read with its payload bound to the payload's record in the same pass.
     *
     * @param envelope the envelope's fields; its payload tree is not built, so {@link EventEnvelope#payload()} is null
     * @param payload the payload as its catalogued record, or null for a type this build does not know
     */
    public record Read(EventEnvelope envelope, LyssEvent payload) {}

    public EventEnvelope envelope(byte[] value) {
        try {
            return json.readValue(value, EventEnvelope.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a Lyss event envelope", e);
        }
    }

    /** The payload as its catalogued record, or empty for a type this build does not know. */
    public Optional<LyssEvent> payload(EventEnvelope envelope) {
        Optional<EventCatalogue.Entry> entry = EventCatalogue.byName(envelope.type());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.treeToValue(envelope.payload(), entry.get().type()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Payload of event " + envelope.eventId() + " does not match " + envelope.type(), e);
        }
    }

    /**
     * Reads an envelope and binds its payload straight from the bytes, without the JSON tree that {@link #envelope}
     * builds and {@link #payload} walks again: for consumers that use the payload's record, not its JSON. Building
     * and walking the tree was most of what the projections spent per event (docs/benchmarks.md, stop 16).
     *
     * @throws IllegalArgumentException when the value is not an envelope, or its payload does not match its type
     */
    public Read read(byte[] value) {
        var fields = new EnvelopeFields();
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.read(name, parser);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a Lyss event envelope", e);
        }
        return new Read(fields.envelope(), fields.payload());
    }

    /** The fields of one envelope as the parser meets them; the writer puts the type before the payload. */
    private final class EnvelopeFields {
        private String eventId;
        private String type;
        private int revision;
        private Instant occurredAt;
        private String workspaceId;
        private String actor;
        private String correlationId;
        private String aggregateId;
        private long aggregateSequence;
        private long globalIndex;
        private LyssEvent payload;
        private JsonNode payloadBeforeType;

        void read(String name, JsonParser parser) throws IOException {
            switch (name) {
                case "eventId" -> eventId = parser.getValueAsString();
                case "type" -> type = parser.getValueAsString();
                case "revision" -> revision = parser.getValueAsInt();
                case "occurredAt" -> occurredAt = json.readValue(parser, Instant.class);
                case "workspaceId" -> workspaceId = parser.getValueAsString();
                case "actor" -> actor = parser.getValueAsString();
                case "correlationId" -> correlationId = parser.getValueAsString();
                case "aggregateId" -> aggregateId = parser.getValueAsString();
                case "aggregateSequence" -> aggregateSequence = parser.getValueAsLong();
                case "globalIndex" -> globalIndex = parser.getValueAsLong();
                case "payload" -> readPayload(parser);
                default -> parser.skipChildren();
            }
        }

        private void readPayload(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (type == null) {
                payloadBeforeType = json.readTree(parser);
                return;
            }
            Optional<EventCatalogue.Entry> entry = EventCatalogue.byName(type);
            if (entry.isEmpty()) {
                parser.skipChildren();
                return;
            }
            try {
                payload = json.readValue(parser, entry.get().type());
            } catch (JsonProcessingException e) {
                throw mismatch(e);
            }
        }

        EventEnvelope envelope() {
            return new EventEnvelope(
                    eventId,
                    type,
                    revision,
                    occurredAt,
                    workspaceId,
                    actor,
                    correlationId,
                    aggregateId,
                    aggregateSequence,
                    globalIndex,
                    null);
        }

        LyssEvent payload() {
            if (payloadBeforeType == null) {
                return payload;
            }
            Optional<EventCatalogue.Entry> entry = EventCatalogue.byName(type);
            try {
                return entry.isEmpty()
                        ? null
                        : json.treeToValue(payloadBeforeType, entry.get().type());
            } catch (JsonProcessingException e) {
                throw mismatch(e);
            }
        }

        private IllegalArgumentException mismatch(JsonProcessingException e) {
            return new IllegalArgumentException("Payload of event " + eventId + " does not match " + type, e);
        }
    }
}
