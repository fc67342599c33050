package io.lyss.query.projection;

import io.lyss.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies polled records to a projection. The whole batch goes in one call; when that fails because of an event
 * (not because the store is down), the batch is applied again one event at a time and each event that still fails
 * is parked as a dead letter, so one poison event never stops the projection.
 */
public final class EventBatches {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatches.class);

    private final Projection projection;
    private final DeadLetters deadLetters;
    private final ProjectionStatus status;
    private final RecordDecoder decoder;

    public EventBatches(Projection projection, DeadLetters deadLetters, ProjectionStatus status) {
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.status = status;
        this.decoder = projection.decoder();
    }

    /** Applies records (offsets beyond {@code nextOffsets} must already be left out) and stores the offsets. */
    public void apply(List<ConsumerRecord<String, byte[]>> records, Map<Integer, Long> nextOffsets) {
        apply(decode(records, nextOffsets));
    }

    /** Records of one poll, decoded (the CPU-bound half of applying them, which can run on another thread). */
    public static final class DecodedBatch {
        private final List<Decoded> events;
        private final Map<Integer, Long> nextOffsets;

        private DecodedBatch(List<Decoded> events, Map<Integer, Long> nextOffsets) {
            this.events = events;
            this.nextOffsets = nextOffsets;
        }
    }

    /** Decodes the records this projection reads. */
    public DecodedBatch decode(List<ConsumerRecord<String, byte[]>> records, Map<Integer, Long> nextOffsets) {
        List<Decoded> decoded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = header(record, EventEnvelope.HEADER_EVENT_TYPE);
            if (type != null && projection.handles(type)) {
                decoded.add(decode(record));
            }
        }
        return new DecodedBatch(decoded, Map.copyOf(nextOffsets));
    }

    /** Applies a decoded batch: all at once, or event by event parking the failures. */
    public void apply(DecodedBatch batch) {
        List<Decoded> decoded = batch.events;
        Map<Integer, Long> nextOffsets = batch.nextOffsets;
        if (decoded.isEmpty() && nextOffsets.isEmpty()) {
            return;
        }
        if (decoded.stream().allMatch(d -> d.event != null)) {
            try {
                projection.apply(decoded.stream().map(Decoded::event).toList(), nextOffsets);
                status.applied(decoded.size(), lastEnvelope(decoded), nextOffsets);
                return;
            } catch (RuntimeException e) {
                if (StoreFailures.isTransient(e)) {
                    throw e;
                }
                LOG.warn("Projection {} failed on a batch; applying it event by event", projection.name());
            }
        }
        for (Decoded one : decoded) {
            applyOrPark(one);
        }
        projection.apply(List.of(), nextOffsets);
        status.applied(0, null, nextOffsets);
    }

    private void applyOrPark(Decoded one) {
        Map<Integer, Long> after = Map.of(one.record.partition(), one.record.offset() + 1);
        if (one.event != null) {
            try {
                projection.apply(List.of(one.event), after);
                status.applied(1, one.event.envelope(), after);
                return;
            } catch (RuntimeException e) {
                if (StoreFailures.isTransient(e)) {
                    throw e;
                }
                park(one, e);
            }
        } else {
            park(one, one.failure);
        }
        projection.apply(List.of(), after);
    }

    private void park(Decoded one, Throwable failure) {
        ConsumerRecord<String, byte[]> record = one.record;
        String eventId = header(record, EventEnvelope.HEADER_EVENT_ID);
        if (eventId == null) {
            eventId = "p" + record.partition() + "-o" + record.offset();
        }
        LOG.warn(
                "Projection {} parked event {} ({} at partition {} offset {}): {}",
                projection.name(),
                eventId,
                header(record, EventEnvelope.HEADER_EVENT_TYPE),
                record.partition(),
                record.offset(),
                DeadLetters.describe(failure));
        deadLetters.park(
                projection.name(),
                eventId,
                header(record, EventEnvelope.HEADER_EVENT_TYPE),
                record.partition(),
                record.offset(),
                record.value() == null ? new byte[0] : record.value(),
                failure);
        status.parked();
    }

    private Decoded decode(ConsumerRecord<String, byte[]> record) {
        try {
            return new Decoded(record, decoder.decode(record.value(), record.partition(), record.offset()), null);
        } catch (RuntimeException e) {
            return new Decoded(record, null, e);
        }
    }

    private static EventEnvelope lastEnvelope(List<Decoded> decoded) {
        return decoded.isEmpty() ? null : decoded.getLast().event.envelope();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Decoded(ConsumerRecord<String, byte[]> record, ProjectedEvent event, RuntimeException failure) {}
}
