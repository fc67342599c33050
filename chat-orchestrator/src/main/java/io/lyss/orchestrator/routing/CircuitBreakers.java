package io.lyss.orchestrator.routing;

import io.lyss.orchestrator.governance.ChannelRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per channel, in this instance. After {@code failureThreshold} consecutive failures a
 * channel's circuit opens: for {@code openFor} it goes to the back of every order, so requests reach healthy
 * channels first without waiting for it to time out. After that, its next call is a trial: success closes the
 * circuit, failure opens it again. Every opening and closing is reported to the {@link CircuitListener}.
 */
public final class CircuitBreakers {

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private final CircuitListener listener;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    public CircuitBreakers(int failureThreshold, Duration openFor, Clock clock, CircuitListener listener) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
        this.listener = listener;
    }

    /** The same channels, those whose circuit is open moved to the end (kept as a last resort). */
    public List<ChannelRoute> healthyFirst(List<ChannelRoute> ordered) {
        List<ChannelRoute> healthy = new ArrayList<>(ordered.size());
        List<ChannelRoute> open = new ArrayList<>();
        Instant now = clock.instant();
        for (ChannelRoute route : ordered) {
            Circuit circuit = circuits.get(route.channelId());
            (circuit != null && circuit.isOpenAt(now) ? open : healthy).add(route);
        }
        healthy.addAll(open);
        return healthy;
    }

    public boolean isOpen(String channelId) {
        Circuit circuit = circuits.get(channelId);
        return circuit != null && circuit.isOpenAt(clock.instant());
    }

    public void succeeded(ChannelRoute route) {
        Circuit circuit = circuits.get(route.channelId());
        if (circuit != null && circuit.reset()) {
            listener.closed(route);
        }
    }

    public void failed(ChannelRoute route, String reason) {
        Circuit circuit = circuits.computeIfAbsent(route.channelId(), id -> new Circuit());
        if (circuit.fail(failureThreshold, clock.instant().plus(openFor))) {
            listener.opened(route, failureThreshold, reason);
        }
    }

    /** Consecutive failures and, once open, until when. */
    private static final class Circuit {
        private int consecutiveFailures;
        private Instant openUntil;

        synchronized boolean isOpenAt(Instant now) {
            return openUntil != null && now.isBefore(openUntil);
        }

        /** True when this failure opened a closed circuit. */
        synchronized boolean fail(int threshold, Instant until) {
            consecutiveFailures++;
            if (consecutiveFailures < threshold) {
                return false;
            }
            boolean wasOpen = openUntil != null;
            openUntil = until;
            return !wasOpen;
        }

        /** True when this success closed an open circuit. */
        synchronized boolean reset() {
            boolean wasOpen = openUntil != null;
            consecutiveFailures = 0;
            openUntil = null;
            return wasOpen;
        }
    }
}
