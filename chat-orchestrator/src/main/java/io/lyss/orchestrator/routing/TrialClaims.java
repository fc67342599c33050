package io.lyss.orchestrator.routing;

import io.lyss.orchestrator.governance.ChannelRoute;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Asks who makes the trial call of a channel whose open circuit period has ended in this instance, so that of all
 * instances only one probes it (ADR 0034). Asked once per open period and channel, never per request.
 */
public interface TrialClaims {

    /** The decision, possibly later; a failed future lets this instance make the trial itself. */
    CompletableFuture<Decision> claim(ChannelRoute channel);

    /**
     * @param verdict who probes: this instance ({@code GRANTED}), another one or none yet ({@code WAIT} until
     *     {@code until}), or nobody, the channel being closed everywhere ({@code CLOSED})
     */
    record Decision(Verdict verdict, Instant until) {

        public enum Verdict {
            GRANTED,
            WAIT,
            CLOSED
        }

        public static final Decision GRANTED = new Decision(Verdict.GRANTED, null);
    }

    /** A lone instance: every trial is its own. */
    TrialClaims LOCAL = channel -> CompletableFuture.completedFuture(Decision.GRANTED);
}
