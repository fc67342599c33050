package io.lyss.events;

/** Kafka topic names, and which events the governance topic carries. */
public final class EventTopics {

    /**
     * Every event, keyed by aggregate id so that one aggregate's events stay in order on one partition.
     * One topic rather than one per context keeps that order across contexts (see docs/adr/0002).
     */
    public static final String EVENTS = "lyss.events.v1";

    /**
     * The governance and routing events again (keys, channels, workspaces, budgets, circuits), on one partition in
     * the order they were stored: what an orchestrator must hold before it serves, small enough to be read from the
     * start at every start however long the log of turns grows (docs/adr/0043).
     */
    public static final String GOVERNANCE = "lyss.governance.v1";

    /**
     * Header of the governance topic's record that vouches for what precedes it: every governance and routing event
     * relayed before it is on the topic. The relay writes one when it has made the topic whole (created, or copied
     * from {@link #EVENTS} when the events came first). A reader that has not seen one has not seen everything.
     */
    public static final String HEADER_GOVERNANCE_COMPLETE = "lyss-governance-complete";

    private static final String GOVERNANCE_CONTEXT = "governance.";
    private static final String ROUTING_CONTEXT = "routing.";

    private EventTopics() {}

    /** True for the event types (catalogue names) that also go on {@link #GOVERNANCE}. */
    public static boolean onGovernanceTopic(String eventType) {
        return eventType.startsWith(GOVERNANCE_CONTEXT) || eventType.startsWith(ROUTING_CONTEXT);
    }
}
