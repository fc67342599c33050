package io.lyss.memory.feed;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Something the memory projector keeps up to date from the event topic, with its own checkpoint. */
public interface Projection {

    /** Stable name: the checkpoint and consumer group are named after it. */
    String name();

    /** Catalogue names of the event types it reads; others only move the checkpoint. */
    Set<String> eventTypes();

    /** Next offset per partition; partitions not listed start from the beginning. */
    Map<Integer, Long> checkpoint();

    /** Applies a batch of events of interest, then stores the offsets after them. */
    void apply(List<FedEvent> events, Map<Integer, Long> nextOffsets);
}
