package io.lyss.command.channel;

import io.lyss.command.channel.api.CircuitTrialDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * What a {@link Channel} knows of its circuits in the orchestrator instances: which instances opened theirs, when
 * the latest opening was, and which instance holds the current trial claim (ADR 0034). Decisions only read it;
 * the aggregate's event-sourcing handlers change it.
 */
final class CircuitState {

    private final Set<String> openIn = new HashSet<>();
    private Instant lastOpenedAt;
    private String trialHolder;
    private Instant trialUntil;

    /** An opening is recorded unless already known, except a failed trial, which starts a new open period. */
    boolean recordsOpening(String instanceId) {
        return !openIn.contains(instanceId) || instanceId.equals(trialHolder);
    }

    /** A closing is recorded while any instance's circuit is open or a trial is claimed: it closes them all. */
    boolean recordsClosing() {
        return !openIn.isEmpty() || trialHolder != null;
    }

    /**
     * One trial per open period: granted to the first instance that asks after the latest opening's period, then
     * to nobody else until its outcome is recorded or the claim lapses. Asking again while holding it is granted.
     */
    CircuitTrialDecision decideTrial(String instanceId, Duration openFor, Instant now) {
        if (openIn.isEmpty()) {
            return CircuitTrialDecision.closed();
        }
        Instant periodEnds = lastOpenedAt.plus(openFor);
        if (now.isBefore(periodEnds)) {
            return CircuitTrialDecision.waitUntil(periodEnds);
        }
        if (trialHolder != null && now.isBefore(trialUntil)) {
            return trialHolder.equals(instanceId)
                    ? CircuitTrialDecision.granted(trialUntil)
                    : CircuitTrialDecision.waitUntil(trialUntil);
        }
        return null; // a new claim: the caller records it
    }

    void opened(String instanceId, Instant at) {
        openIn.add(instanceId);
        lastOpenedAt = at;
        trialHolder = null;
        trialUntil = null;
    }

    void closed() {
        openIn.clear();
        trialHolder = null;
        trialUntil = null;
    }

    void trialClaimed(String instanceId, Instant until) {
        trialHolder = instanceId;
        trialUntil = until;
    }
}
