package io.lyss.query.usage;

import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.projection.Projection;
import io.lyss.query.projection.RecordDecoder;
import io.lyss.query.readmodel.ProcessedIds;
import io.lyss.query.readmodel.SqlSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The usage projection as a rebuild runs it: events are de-duplicated against ids held in memory and folded in memory
 * across many batches; every {@code flushEvery} events the sums, the ids of the events they contain (one
 * {@code COPY}) and the checkpoint commit in one transaction. A rebuild that stops between two flushes resumes from
 * the last one: a new instance reloads the ids and the waiting end users the shadow holds, so what it adds is what the
 * uninterrupted rebuild would have added. Counts the same way as {@link UsageProjection} (the same fold and writer).
 */
public final class UsageBulkProjection implements Projection {

    private final SqlSchema schema;
    private final UsageWriter writer;
    private final ProcessedIds processed;
    private final int flushEvery;
    private final SeenEventIds seen = new SeenEventIds();
    private final Map<String, String> waitingEndUsers = new HashMap<>();
    private final Map<Integer, Long> unflushedOffsets = new HashMap<>();
    private final List<ProcessedIds.Mark> unflushedMarks = new ArrayList<>();
    private final UsageRecordDecoder decoder = new UsageRecordDecoder();
    private UsageFold fold;
    private int unflushedEvents;
    private boolean broken;

    /**
     * Opens a shadow for filling (its processed-id indexes are dropped until {@link ProcessedIds#restoreIndexes()})
     * and loads what an interrupted fill left in it.
     */
    public UsageBulkProjection(SqlSchema schema, int flushEvery) {
        this.schema = schema;
        this.writer = new UsageWriter(schema);
        this.processed = new ProcessedIds(schema);
        this.flushEvery = flushEvery;
        processed.dropIndexes();
        processed.forEach(seen::add);
        writer.forEachWaitingEndUser(waitingEndUsers::put);
        this.fold = newFold();
    }

    @Override
    public String name() {
        return UsageProjection.NAME;
    }

    @Override
    public boolean handles(String eventType) {
        return UsageFold.reads(eventType);
    }

    @Override
    public RecordDecoder decoder() {
        return decoder;
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return schema.checkpoint();
    }

    /** Folds a batch in memory (all of it or, when one event would not fit the tables, none of it). */
    @Override
    public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
        if (broken) {
            throw new FlushFailedException("An earlier flush failed; resume the rebuild with a new projection", null);
        }
        events.forEach(UsageLimits::check);
        for (ProjectedEvent event : events) {
            String id = event.envelope().eventId();
            if (seen.add(id)) {
                fold.add(event);
                unflushedMarks.add(new ProcessedIds.Mark(id, event.partition(), event.offset()));
                unflushedEvents++;
            }
        }
        unflushedOffsets.putAll(nextOffsets);
        if (unflushedEvents >= flushEvery) {
            flush();
        }
    }

    @Override
    public void flush() {
        if (unflushedOffsets.isEmpty() && unflushedMarks.isEmpty()) {
            return;
        }
        if (broken) {
            throw new FlushFailedException("An earlier flush failed; resume the rebuild with a new projection", null);
        }
        UsageFold flushed = fold;
        try {
            schema.transactions().executeWithoutResult(status -> {
                schema.relaxCommit();
                processed.copy(unflushedMarks);
                writer.write(flushed);
                schema.saveCheckpoint(unflushedOffsets);
            });
        } catch (RuntimeException e) {
            broken = true; // memory now holds more than the shadow: only a new instance, loaded from it, may go on
            throw new FlushFailedException("Writing rebuilt usage failed; the rebuild resumes from its last flush", e);
        }
        waitingEndUsers.putAll(flushed.pendingEndUsers());
        unflushedMarks.clear();
        unflushedOffsets.clear();
        unflushedEvents = 0;
        fold = newFold();
    }

    private UsageFold newFold() {
        return new UsageFold(waitingEndUsers::remove); // the turn's first spend takes its end user, as live
    }

    /**
     * A flush did not commit. Counted as a store failure, so the replay stops instead of parking the events of the
     * batch at hand (they are not at fault); a new rebuild resumes from the last flush.
     */
    static final class FlushFailedException extends DataAccessResourceFailureException {
        FlushFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
