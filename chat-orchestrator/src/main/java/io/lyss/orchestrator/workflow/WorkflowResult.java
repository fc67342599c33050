package io.lyss.orchestrator.workflow;

import io.lyss.events.workflow.NodeRun;
import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import java.time.Instant;
import java.util.List;

/**
 * How one workflow run ended.
 *
 * @param status {@code succeeded}, {@code failed} or {@code stopped}
 * @param outcome the answer, from a provider or the cache; null when none could be had
 * @param cachedAnswer set when the cache answered
 * @param costMicros what the run spent upstream
 * @param failure what ended the run before any answer (e.g. no channel could answer); null otherwise
 */
public record WorkflowResult(
        String runId,
        String status,
        String error,
        Instant startedAt,
        Instant finishedAt,
        long elapsedMicros,
        long totalTokens,
        long costMicros,
        List<NodeRun> nodes,
        UpstreamOutcome outcome,
        CachedAnswer cachedAnswer,
        RuntimeException failure) {

    private static final TokenCounts NOTHING = new TokenCounts(0, 0, 0, false);

    /** What the run spent at a provider: nothing when the cache answered or no provider did. */
    public TokenCounts upstreamUsage() {
        return outcome == null || cachedAnswer != null ? NOTHING : outcome.usage();
    }
}
