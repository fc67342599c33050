package io.lyss.orchestrator.chat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends provider exchanges that took too long: a call's answer, a stream's pauses, a stream's first token. A socket
 * timeout would do the first two, but a timed read on a virtual thread arms and cancels a timer in the JDK's
 * scheduler on every read, and wakes the scheduler's thread each time:
 * about a tenth of the gateway's CPU at 5,000 requests/s (docs/benchmarks.md, stop 14). Here an exchange is one
 * entry in a set that one daemon thread looks through every {@link #TICK}, so a timeout fires up to a tick late.
 */
final class SilenceWatchdog implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(20);

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lyss-upstream-watchdog").factory());

    SilenceWatchdog() {
        ticker.scheduleWithFixedDelay(this::expireOverdue, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Watches one exchange: {@code cancel} runs once, on the watchdog's thread, when the exchange has lasted longer
     * than {@code timeout} since it began or, if {@link Watch#heard()} is called, since it was last heard from.
     */
    Watch watch(Duration timeout, Runnable cancel) {
        var watch = new Watch(timeout.toNanos(), cancel);
        watches.add(watch);
        return watch;
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            if (now - watch.heardAt > watch.timeoutNanos) {
                watch.expire();
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** One exchange being watched; closing it stops the watch. */
    final class Watch implements AutoCloseable {

        private final long timeoutNanos;
        private final Runnable cancel;
        private volatile long heardAt = System.nanoTime();
        private volatile boolean expired;

        private Watch(long timeoutNanos, Runnable cancel) {
            this.timeoutNanos = timeoutNanos;
            this.cancel = cancel;
        }

        /** The provider sent something: the timeout starts again from now. */
        void heard() {
            heardAt = System.nanoTime();
        }

        /** True when the watchdog cancelled the exchange because it took too long. */
        boolean expired() {
            return expired;
        }

        private void expire() {
            if (!watches.remove(this)) {
                return; // closed meanwhile
            }
            expired = true;
            try {
                cancel.run();
            } catch (RuntimeException e) {
                // a cancelled exchange may fail to close cleanly; it is discarded either way, and the ticker lives on
            }
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
