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
 * channels first without waiting for it to time out. Every opening and closing decided here is reported to the
 * {@link CircuitListener}.
 *
 * <p>Instances also learn from each other ({@link SharedCircuits}, ADR 0030): a circuit another instance opened is
 * open here too, until {@code openFor} after it opened there, and another instance's closing closes it here.
 *
 * <p>When an open period ends, one trial call decides for all instances (ADR 0034): the first request to find the
 * period over asks the {@link TrialClaims} (once; the channel stays at the back meanwhile). Granted, this instance
 * tries the channel again: a success closes the circuit, a failure opens it again, and either is reported so the
 * other instances follow. Refused, the channel stays at the back until the other instance's outcome arrives or the
 * refusal's time passes. A request in the closed state never asks anything.
 */
public final class CircuitBreakers {

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private final CircuitListener listener;
    private final TrialClaims trials;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    /** Breakers of a lone instance: every trial is its own. */
    public CircuitBreakers(int failureThreshold, Duration openFor, Clock clock, CircuitListener listener) {
        this(failureThreshold, openFor, clock, listener, TrialClaims.LOCAL);
    }

    public CircuitBreakers(
            int failureThreshold, Duration openFor, Clock clock, CircuitListener listener, TrialClaims trials) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
        this.listener = listener;
        this.trials = trials;
    }

    /** The same channels, those whose circuit is open moved to the end (kept as a last resort). */
    public List<ChannelRoute> healthyFirst(List<ChannelRoute> ordered) {
        if (circuits.isEmpty()) {
            return ordered;
        }
        List<ChannelRoute> healthy = new ArrayList<>(ordered.size());
        List<ChannelRoute> open = new ArrayList<>();
        Instant now = clock.instant();
        for (ChannelRoute route : ordered) {
            Circuit circuit = circuits.get(route.channelId());
            (circuit == null || routesNormally(route, circuit, now) ? healthy : open).add(route);
        }
        healthy.addAll(open);
        return healthy;
    }

    private boolean routesNormally(ChannelRoute route, Circuit circuit, Instant now) {
        return switch (circuit.routingAt(now)) {
            case HEALTHY -> true;
            case OPEN -> false;
            case CLAIM -> {
                trials.claim(route)
                        .exceptionally(failure -> TrialClaims.Decision.GRANTED) // as a lone instance would
                        .thenAccept(decision -> circuit.decided(decision, clock.instant()));
                yield !circuit.isOpenAt(now); // granted at once (a lone instance), or open while being asked
            }
        };
    }

    public boolean isOpen(String channelId) {
        Circuit circuit = circuits.get(channelId);
        return circuit != null && circuit.isOpenAt(clock.instant());
    }

    public void succeeded(ChannelRoute route) {
        Circuit circuit = circuits.get(route.channelId());
        if (circuit != null && circuit.succeed()) {
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
     * Another instance opened this channel's circuit at {@code openedAt} (for the first time, or again after its
     * failed trial): set it aside here too until {@code openFor} after that. An opening whose period is already over
     * (e.g. replayed history) changes nothing.
     */
    public void openedElsewhere(String channelId, Instant openedAt) {
        Instant until = openedAt.plus(openFor);
        if (clock.instant().isBefore(until)) {
            circuits.computeIfAbsent(channelId, id -> new Circuit()).learnOpen(failureThreshold, until);
        }
    }

    /** Another instance's call or trial to this channel succeeded after its circuit had opened: it closes here too. */
    public void closedElsewhere(String channelId) {
        Circuit circuit = circuits.get(channelId);
        if (circuit != null) {
            circuit.learnClosed();
        }
    }
}
