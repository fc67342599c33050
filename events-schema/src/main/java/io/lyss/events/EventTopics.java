package io.lyss.events;

/** Kafka topic names. */
public final class EventTopics {

    /**
     * Every event, keyed by aggregate id so that one aggregate's events stay in order on one partition.
     * One topic rather than one per context keeps that order across contexts (see docs/adr/0002).
     */
    public static final String EVENTS = "lyss.events.v1";

    private EventTopics() {}
}
