package io.lyss.orchestrator.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * One channel's circuit in this instance: consecutive failures, until when it is open, whether this instance opened
 * it, and where its trial stands once the open period has ended (ADR 0034: claimed by one instance for all).
 */
final class Circuit {

    /** How a request treats the channel now. */
    enum Routing {
        HEALTHY,
        OPEN,
        /** The open period just ended: the caller asks for the trial claim (the circuit stays open meanwhile). */
        CLAIM
    }

    private enum Trial {
        NONE,
        CLAIMING,
        PROBING
    }

    /** However the clocks differ, an instance asks again for a channel's claim at most this often. */
    private static final Duration SOONEST_CLAIM_AGAIN = Duration.ofSeconds(1);

    private int consecutiveFailures;
    private Instant openUntil;
    private boolean openedHere;
    private Trial trial = Trial.NONE;
    /** Open only while another instance's trial (or a newer period) is awaited: a learned outcome replaces it. */
    private boolean awaitingOutcome;

    synchronized Routing routingAt(Instant now) {
        if (openUntil == null || trial == Trial.PROBING) {
            return Routing.HEALTHY;
        }
        if (trial == Trial.CLAIMING || now.isBefore(openUntil)) {
            return Routing.OPEN;
        }
        trial = Trial.CLAIMING;
        return Routing.CLAIM;
    }

    synchronized boolean isOpenAt(Instant now) {
        return openUntil != null && trial != Trial.PROBING && (trial == Trial.CLAIMING || now.isBefore(openUntil));
    }

    /**
     * Applies the answer to this circuit's trial claim, unless an opening or closing learned meanwhile already
     * settled it.
     */
    synchronized void decided(TrialClaims.Decision decision, Instant now) {
        if (trial != Trial.CLAIMING) {
            return;
        }
        switch (decision.verdict()) {
            case GRANTED -> trial = Trial.PROBING;
            case WAIT -> {
                trial = Trial.NONE;
                awaitingOutcome = true;
                Instant soonest = now.plus(SOONEST_CLAIM_AGAIN);
                openUntil = decision.until() == null || decision.until().isBefore(soonest) ? soonest : decision.until();
            }
            case CLOSED -> close();
        }
    }

    /**
     * True when this failure opened the circuit here and must be reported: a failed trial (a new open period for
     * every instance), or reaching the threshold while it was closed or open only because another instance opened
     * it.
     */
    synchronized boolean fail(int threshold, Instant until) {
        consecutiveFailures++;
        if (trial == Trial.PROBING) {
            trial = Trial.NONE;
            openUntil = until;
            openedHere = true;
            return true;
        }
        if (consecutiveFailures < threshold) {
            return false;
        }
        boolean opensHere = !openedHere;
        awaitingOutcome = false;
        openUntil = until;
        openedHere = true;
        return opensHere;
    }

    /** True when this success closed a circuit this instance had opened or was probing for all instances. */
    synchronized boolean succeed() {
        boolean report = openedHere || trial == Trial.PROBING;
        close();
        return report;
    }

    /**
     * Another instance opened the circuit (first, or again after a failed trial): open here too until
     * {@code until}; one failure here then opens it here. Whatever trial this instance was waiting for is settled.
     */
    synchronized void learnOpen(int threshold, Instant until) {
        if (awaitingOutcome || openUntil == null || openUntil.isBefore(until)) {
            openUntil = until;
        }
        consecutiveFailures = Math.max(consecutiveFailures, threshold - 1);
        trial = Trial.NONE;
        awaitingOutcome = false;
    }

    /** Another instance closed it (a successful trial or call): the channel answers, so it is closed here too. */
    synchronized void learnClosed() {
        close();
    }

    private void close() {
        awaitingOutcome = false;
        consecutiveFailures = 0;
        openUntil = null;
        openedHere = false;
        trial = Trial.NONE;
    }
}
