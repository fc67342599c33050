package io.lyss.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Reads envelopes and their payloads as consumers receive them from Kafka. */
public final class EventReader {

    private final ObjectMapper json = EventJson.newMapper();

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
}
