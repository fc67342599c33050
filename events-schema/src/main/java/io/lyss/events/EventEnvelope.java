package io.lyss.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * How every event travels on Kafka: the event's identity, position and provenance around its payload.
 * This is Lyss's own wire format, so consumers need neither Axon nor Java class names to read it.
 *
 * @param eventId unique id of the event; consumers de-duplicate on it
 * @param type catalogue name of the payload, e.g. {@code usage.TokensSpent}
 * @param revision schema revision of the payload
 * @param occurredAt when the event was recorded (UTC)
 * @param workspaceId tenant scope
 * @param actor who caused it, as {@link Actor#asText()}
 * @param correlationId the request or command that led to it
 * @param aggregateId the aggregate that emitted it (also the Kafka record key)
 * @param aggregateSequence position within that aggregate's stream
 * @param globalIndex position in the global event log
 * @param payload the event record as JSON; null in an envelope read by {@link EventReader#read}, which binds the
 *     payload to its record without this tree
 */
public record EventEnvelope(
        String eventId,
        String type,
        int revision,
        Instant occurredAt,
        String workspaceId,
        String actor,
        String correlationId,
        String aggregateId,
        long aggregateSequence,
        long globalIndex,
        JsonNode payload) {

    /** Kafka header carrying {@link #eventId()}. */
    public static final String HEADER_EVENT_ID = "lyss-event-id";
    /** Kafka header carrying {@link #type()}, so consumers can skip events without parsing them. */
    public static final String HEADER_EVENT_TYPE = "lyss-event-type";
    /** Kafka header carrying {@link #globalIndex()}. */
    public static final String HEADER_GLOBAL_INDEX = "lyss-global-index";
}
