package io.lyss.query.projection;

import java.util.List;
import java.util.Map;

/**
 * A read model fed from the event topic. The projection owns its checkpoint (next offset per partition) and
 * stores it atomically with the effect of the events, or makes that effect idempotent.
 */
public interface Projection {

    /** Stable name of the read model: dead letters, metrics and the consumer group are named after it. */
    String name();

    /** Whether this projection reads events of a type (catalogue name); others only move the checkpoint. */
    boolean handles(String eventType);

    /** Next offset to read per partition; partitions not listed start from the beginning. */
    Map<Integer, Long> checkpoint();

    /**
     * Applies a batch: the events of interest, in partition order, and the offsets to store once they are applied.
     * An empty offsets map leaves the checkpoint as it is (used when a parked event is retried).
     */
    void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets);

    /**
     * How records become events for this projection: the envelope and the payload's record, without the payload's
     * JSON tree, unless overridden.
     */
    default RecordDecoder decoder() {
        return RecordDecoder.bound();
    }

    /**
     * Makes everything applied so far durable, checkpoint included. Called when a replay reached its end; projections
     * that write each batch as it comes have nothing to do.
     */
    default void flush() {}
}
