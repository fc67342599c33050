package io.lyss.query.projection;

import io.lyss.events.EventEnvelope;
import io.lyss.events.LyssEvent;

/**
 * An event handed to a projection: its envelope, its decoded payload (null for a type this build does not know)
 * and where it was read (partition and offset; -1 when it did not come from the topic, e.g. a retried dead letter).
 */
public record ProjectedEvent(EventEnvelope envelope, LyssEvent payload, int partition, long offset) {

    public ProjectedEvent(EventEnvelope envelope, LyssEvent payload) {
        this(envelope, payload, -1, -1);
    }
}
