package io.lyss.query.projection;

import io.lyss.events.EventEnvelope;
import io.lyss.events.EventReader;
import io.lyss.events.LyssEvent;

/**
 * Turns a Kafka record value into the event a projection applies. The default reads the whole envelope and payload;
 * a projection that needs only a few fields of its busiest events may read just those (see the usage read model).
 */
@FunctionalInterface
public interface RecordDecoder {

    /** Decodes one record; throws when the value is not a readable event (it is then parked). */
    ProjectedEvent decode(byte[] value, int partition, long offset);

    /**
     * Reads the envelope's fields and binds the payload to its catalogued record in the same pass, without a JSON
     * tree: the envelope's payload tree is null, so this is for projections that use the record.
     */
    static RecordDecoder bound() {
        EventReader reader = new EventReader();
        return (value, partition, offset) -> {
            EventReader.Read read = reader.read(value);
            return new ProjectedEvent(read.envelope(), read.payload(), partition, offset);
        };
    }

    /** Reads every field of the envelope, the payload's JSON tree included, and the catalogued payload. */
    static RecordDecoder full() {
        EventReader reader = new EventReader();
        return (value, partition, offset) -> {
            EventEnvelope envelope = reader.envelope(value);
            LyssEvent payload = reader.payload(envelope).orElse(null);
            return new ProjectedEvent(envelope, payload, partition, offset);
        };
    }
}
