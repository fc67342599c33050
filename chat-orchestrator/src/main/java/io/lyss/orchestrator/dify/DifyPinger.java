package io.lyss.orchestrator.dify;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends Dify's {@code event: ping} to every open stream at a fixed interval, from one shared daemon thread, so that
 * proxies keep quiet connections open while a model thinks. No thread per stream.
 */
final class DifyPinger implements AutoCloseable {

    private final Set<DifyStreamWriter> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("lyss-dify-ping").unstarted(task));

    DifyPinger(Duration interval) {
        timer.scheduleAtFixedRate(
                () -> open.forEach(DifyStreamWriter::ping),
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void watch(DifyStreamWriter stream) {
        open.add(stream);
    }

    void forget(DifyStreamWriter stream) {
        open.remove(stream);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
