package io.lyss.query.projection;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read model fed from the event topic. The projection owns its checkpoint (next offset per partition) and
 * must store it atomically with the effect of the events, or make that effect idempotent.
 */
public interface Projection {

    /** Stable name: the checkpoint and consumer group are named after it. */
    String name();

    /** Event types this projection reads; others only move the checkpoint. */
    Set<String> eventTypes();

    /** Next offset to read per partition; partitions not listed start from the beginning. */
    Map<Integer, Long> checkpoint();

    /**
     * Applies a batch: the events of interest, in partition order, and the offsets to store once they are applied.
     */
    void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets);
}
