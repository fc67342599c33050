package io.lyss.query.replay;

import io.lyss.query.projection.BoundedReplay;
import io.lyss.query.projection.DeadLetters;
import io.lyss.query.projection.Projection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a read model from the log beside the live one: the shadow is filled from offset 0 while the live copy
 * keeps serving; then, with the live runner paused between two batches, both are brought to the same offsets, their
 * checksums compared, and the shadow switched in (unless only a comparison was asked for).
 */
public final class Rebuilds {

    private static final Logger LOG = LoggerFactory.getLogger(Rebuilds.class);

    private final ReadModels models;
    private final BoundedReplay replay;
    private final DeadLetters deadLetters;
    private final Map<String, RebuildStatus> statuses = new ConcurrentHashMap<>();

    public Rebuilds(ReadModels models, BoundedReplay replay, DeadLetters deadLetters) {
        this.models = models;
        this.replay = replay;
        this.deadLetters = deadLetters;
    }

    /** Where a rebuild stands. Checksums are per table (PostgreSQL) or per alias (Elasticsearch). */
    public record RebuildStatus(
            String readModel,
            String state,
            boolean switchRequested,
            Instant startedAt,
            Instant finishedAt,
            Long shadowFillMillis,
            Map<Integer, Long> alignedAt,
            Map<String, String> liveChecksums,
            Map<String, String> rebuiltChecksums,
            Boolean identical,
            java.util.List<String> differences,
            boolean switched,
            String error) {

        static RebuildStatus running(String name, boolean switchRequested) {
            return new RebuildStatus(
                    name,
                    "RUNNING",
                    switchRequested,
                    Instant.now(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null);
        }
    }

    /** Starts a rebuild in the background; false when one is already running for this read model. */
    public boolean start(ReadModel model, boolean switchWhenDone) {
        RebuildStatus started = RebuildStatus.running(model.name(), switchWhenDone);
        RebuildStatus previous = statuses.compute(
                model.name(),
                (name, current) -> current != null && current.state().equals("RUNNING") ? current : started);
        if (previous != started) {
            return false;
        }
        Thread.ofVirtual().name("lyss-rebuild-" + model.name()).start(() -> run(model, started));
        return true;
    }

    public RebuildStatus status(String name) {
        return statuses.get(name);
    }

    /** Runs a rebuild in this thread and returns how it ended. */
    public RebuildStatus rebuild(ReadModel model, boolean switchWhenDone) {
        RebuildStatus started = RebuildStatus.running(model.name(), switchWhenDone);
        statuses.put(model.name(), started);
        return run(model, started);
    }

    private RebuildStatus run(ReadModel model, RebuildStatus started) {
        RebuildStatus outcome;
        try {
            outcome = rebuildNow(model, started);
        } catch (RuntimeException e) {
            LOG.warn("Rebuild of {} failed", model.name(), e);
            outcome = new RebuildStatus(
                    model.name(),
                    "FAILED",
                    started.switchRequested(),
                    started.startedAt(),
                    Instant.now(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    DeadLetters.describe(e));
        }
        statuses.put(model.name(), outcome);
        return outcome;
    }

    private RebuildStatus rebuildNow(ReadModel model, RebuildStatus started) {
        replay.requireWholeLog();
        ReadModel.Shadow shadow = model.prepareShadow();
        long fillStart = System.nanoTime();
        // from the shadow's checkpoint: empty for a new shadow, further on for one an interrupted rebuild left
        replay.feed(shadow.projection(), deadLetters, shadow.projection().checkpoint(), replay.endOffsets());
        shadow.seal();
        long fillMillis = Duration.ofNanos(System.nanoTime() - fillStart).toMillis();
        return model.runner()
                .whilePaused(() -> {
                    Projection live = model.runner().projection();
                    Map<Integer, Long> target =
                            furthest(live.checkpoint(), shadow.projection().checkpoint());
                    replay.feed(
                            shadow.projection(),
                            deadLetters,
                            shadow.projection().checkpoint(),
                            target);
                    replay.feed(live, deadLetters, live.checkpoint(), target);
                    Map<String, String> liveSums = model.liveChecksums();
                    Map<String, String> rebuiltSums = shadow.checksums();
                    boolean identical = liveSums.equals(rebuiltSums);
                    java.util.List<String> differences = identical ? java.util.List.of() : model.differences(shadow);
                    if (started.switchRequested()) {
                        model.switchTo(shadow);
                    } else {
                        shadow.discard();
                    }
                    return new RebuildStatus(
                            model.name(),
                            "DONE",
                            started.switchRequested(),
                            started.startedAt(),
                            Instant.now(),
                            fillMillis,
                            target,
                            liveSums,
                            rebuiltSums,
                            identical,
                            differences,
                            started.switchRequested(),
                            null);
                })
                .join();
    }

    private static Map<Integer, Long> furthest(Map<Integer, Long> a, Map<Integer, Long> b) {
        Set<Integer> partitions = new HashSet<>(a.keySet());
        partitions.addAll(b.keySet());
        Map<Integer, Long> target = new HashMap<>();
        for (Integer partition : partitions) {
            target.put(partition, Math.max(a.getOrDefault(partition, 0L), b.getOrDefault(partition, 0L)));
        }
        return target;
    }
}
