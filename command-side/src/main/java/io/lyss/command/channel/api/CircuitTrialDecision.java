package io.lyss.command.channel.api;

import java.time.Instant;

/**
 * The answer to {@link ClaimCircuitTrial}.
 *
 * @param verdict {@code GRANTED}: the instance makes the trial call; {@code WAIT}: keep the circuit open until
 *     {@code until} (another instance's trial or a newer opening); {@code CLOSED}: no circuit of the channel is open
 * @param until when a granted claim lapses, or until when to wait; null when closed
 */
public record CircuitTrialDecision(Verdict verdict, Instant until) {

    public enum Verdict {
        GRANTED,
        WAIT,
        CLOSED
    }

    public static CircuitTrialDecision granted(Instant until) {
        return new CircuitTrialDecision(Verdict.GRANTED, until);
    }

    public static CircuitTrialDecision waitUntil(Instant until) {
        return new CircuitTrialDecision(Verdict.WAIT, until);
    }

    public static CircuitTrialDecision closed() {
        return new CircuitTrialDecision(Verdict.CLOSED, null);
    }
}
