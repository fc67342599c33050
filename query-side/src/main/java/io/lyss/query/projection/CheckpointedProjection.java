package io.lyss.query.projection;

import io.lyss.events.EventCatalogue;
import io.lyss.events.LyssEvent;
import java.util.Map;
import java.util.Set;

/** A projection of one event type whose checkpoint lives in the {@link CheckpointStore} under its name. */
public abstract class CheckpointedProjection implements Projection {

    private final String name;
    private final Set<String> eventTypes;
    protected final CheckpointStore checkpoints;

    protected CheckpointedProjection(String name, Class<? extends LyssEvent> eventType, CheckpointStore checkpoints) {
        this.name = name;
        this.eventTypes = Set.of(EventCatalogue.nameOf(eventType));
        this.checkpoints = checkpoints;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> eventTypes() {
        return eventTypes;
    }

    @Override
    public final Map<Integer, Long> checkpoint() {
        return checkpoints.load(name);
    }
}
