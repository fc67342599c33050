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
 * circuit, failure opens it again. Every opening and closing decided here is reported to the
 * {@link CircuitListener}.
 *
 * <p>Instances also learn from each other ({@link SharedCircuits}): a circuit another instance opened is open here
 * too, until {@code openFor} after it opened there; then this instance's own trial call decides. A failed trial opens
 * the circuit here (and is reported); a successful one closes it silently, as does the other instance's closing.
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

    /**
     * Another instance opened this channel's circuit at {@code openedAt}: set it aside here too until
     * {@code openFor} after that. An opening whose period is already over (e.g. replayed history) changes nothing.
     */
    public void openedElsewhere(String channelId, Instant openedAt) {
        Instant until = openedAt.plus(openFor);
        if (clock.instant().isBefore(until)) {
            circuits.computeIfAbsent(channelId, id -> new Circuit()).learnOpen(failureThreshold, until);
        }
    }

    /** Another instance's circuit for this channel closed: unless this instance opened its own, it closes too. */
    public void closedElsewhere(String channelId) {
        Circuit circuit = circuits.get(channelId);
        if (circuit != null) {
            circuit.forgetLearned();
        }
    }

    /** Consecutive failures and, once open, until when and whether this instance opened it. */
    private static final class Circuit {
        private int consecutiveFailures;
        private Instant openUntil;
        private boolean openedHere;

        synchronized boolean isOpenAt(Instant now) {
            return openUntil != null && now.isBefore(openUntil);
        }

        /**
         * True when this failure opened the circuit here: it was closed, or open only because another instance
         * opened it (a failed trial after the learned period, or a failed last-resort call during it).
         */
        synchronized boolean fail(int threshold, Instant until) {
            consecutiveFailures++;
            if (consecutiveFailures < threshold) {
                return false;
            }
            boolean opensHere = !openedHere;
            openUntil = until;
            openedHere = true;
            return opensHere;
        }

        /** True when this success closed a circuit this instance had opened. */
        synchronized boolean reset() {
            boolean closesHere = openedHere;
            consecutiveFailures = 0;
            openUntil = null;
            openedHere = false;
            return closesHere;
        }

        /** Open until {@code until} as another instance decided; one failure here then opens it here. */
        synchronized void learnOpen(int threshold, Instant until) {
            if (openedHere) {
                return;
            }
            if (openUntil == null || openUntil.isBefore(until)) {
                openUntil = until;
            }
            consecutiveFailures = Math.max(consecutiveFailures, threshold - 1);
        }

        synchronized void forgetLearned() {
            if (!openedHere) {
                openUntil = null;
                consecutiveFailures = 0;
            }
        }
    }
}
