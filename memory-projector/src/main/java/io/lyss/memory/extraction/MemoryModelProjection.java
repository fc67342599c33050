package io.lyss.memory.extraction;

import io.lyss.events.EventCatalogue;
import io.lyss.events.governance.MemoryModelConfigured;
import io.lyss.memory.feed.Checkpoints;
import io.lyss.memory.feed.FedEvent;
import io.lyss.memory.feed.Projection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Projects {@code MemoryModelConfigured} into the workspaces' memory models; the checkpoint moves after them. */
public final class MemoryModelProjection implements Projection {

    public static final String NAME = "memory-models";

    private final ExtractionModels models;
    private final Checkpoints checkpoints;

    public MemoryModelProjection(ExtractionModels models, Checkpoints checkpoints) {
        this.models = models;
        this.checkpoints = checkpoints;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventCatalogue.nameOf(MemoryModelConfigured.class));
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return checkpoints.load(NAME);
    }

    @Override
    public void apply(List<FedEvent> events, Map<Integer, Long> nextOffsets) {
        for (FedEvent event : events) {
            MemoryModelConfigured configured = (MemoryModelConfigured) event.payload();
            models.configured(configured.workspaceId(), configured.model(), configured.virtualKey());
        }
        checkpoints.save(NAME, nextOffsets);
    }
}
