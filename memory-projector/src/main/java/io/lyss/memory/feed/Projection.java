package io.lyss.memory.feed;

import io.lyss.events.EventTopics;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Something the memory projector keeps up to date from the event topic, with its own checkpoint. */
public interface Projection {

    /** Stable name: the checkpoint and consumer group are named after it. */
    String name();

    /**
     * The topic it reads: the events topic, or the governance topic for a projection of governance events only that
     * keeps no checkpoint (it replays at every start, and that topic does not grow with the turns; ADR 0043).
     */
    default String topic() {
        return EventTopics.EVENTS;
    }

    /** Catalogue names of the event types it reads; others only move the checkpoint. */
    Set<String> eventTypes();

    /** Next offset per partition; partitions not listed start from the beginning. */
    Map<Integer, Long> checkpoint();

    /** Applies a batch of events of interest, then stores the offsets after them. */
    void apply(List<FedEvent> events, Map<Integer, Long> nextOffsets);
}
