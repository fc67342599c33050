package io.lyss.query.projection;

import io.lyss.events.EventEnvelope;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What a projection runner did lately, for the status endpoint and the metrics. Updated by its own thread. */
public final class ProjectionStatus {

    private final String projection;
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final Map<Integer, Long> lags = new ConcurrentHashMap<>();
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong eventsParked = new AtomicLong();
    private volatile long lastGlobalIndex = -1;
    private volatile Instant lastEventAt;
    private volatile Instant lastBatchAt;
    private volatile String lastFailure;

    public ProjectionStatus(String projection) {
        this.projection = projection;
    }

    void applied(int events, EventEnvelope last, Map<Integer, Long> nextOffsets) {
        eventsApplied.addAndGet(events);
        positions.putAll(nextOffsets);
        if (last != null) {
            lastGlobalIndex = Math.max(lastGlobalIndex, last.globalIndex());
            lastEventAt = last.occurredAt();
        }
        lastBatchAt = Instant.now();
        lastFailure = null;
    }

    void parked() {
        eventsParked.incrementAndGet();
    }

    void lag(int partition, long lag) {
        lags.put(partition, lag);
    }

    void failed(Throwable failure) {
        lastFailure = DeadLetters.describe(failure);
    }

    public String projection() {
        return projection;
    }

    /** Next offset per partition, as last checkpointed by this runner. */
    public Map<Integer, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Records not yet read per partition, as the consumer last saw it. */
    public Map<Integer, Long> lags() {
        return Map.copyOf(lags);
    }

    public long totalLag() {
        return lags.values().stream().mapToLong(Long::longValue).sum();
    }

    public long eventsApplied() {
        return eventsApplied.get();
    }

    public long eventsParked() {
        return eventsParked.get();
    }

    public long lastGlobalIndex() {
        return lastGlobalIndex;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }

    public Instant lastBatchAt() {
        return lastBatchAt;
    }

    public String lastFailure() {
        return lastFailure;
    }
}
