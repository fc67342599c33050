package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.cache.CanonicalRequest;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import io.lyss.orchestrator.recording.CacheSaving;
import io.lyss.orchestrator.recording.FinishedTurn;
import io.lyss.orchestrator.recording.RunTimeline;
import java.util.concurrent.TimeUnit;

/** Turns a finished run into the report the command side records. */
final class TurnReports {

    private TurnReports() {}

    static FinishedTurn of(ChatTurn turn, WorkflowResult result, String priceVersion, long finishedNanos) {
        UpstreamOutcome outcome = result.outcome();
        CachedAnswer cached = result.cachedAnswer();
        return new FinishedTurn(
                turn.conversationId(),
                turn.turnId(),
                turn.grant().workspaceId(),
                turn.grant().keyId(),
                turn.api(),
                turn.prompt().model(),
                outcome.channelId(),
                turn.question(),
                outcome.answer(),
                outcome.finishReason(),
                TimeUnit.NANOSECONDS.toMillis(finishedNanos - turn.receivedAtNanos()),
                outcome.firstTokenNanos() < 0
                        ? -1
                        : TimeUnit.NANOSECONDS.toMillis(
                                Math.max(0, outcome.firstTokenNanos() - turn.receivedAtNanos())),
                outcome.usage().prompt(),
                outcome.usage().completion(),
                outcome.usage().cached(),
                result.costMicros(),
                priceVersion,
                outcome.usage().estimated(),
                turn.endUserId(),
                turn.spendReason(),
                new RunTimeline(
                        result.runId(),
                        result.status(),
                        result.error(),
                        result.startedAt(),
                        result.finishedAt(),
                        result.elapsedMicros(),
                        result.totalTokens(),
                        result.nodes()),
                cached == null
                        ? null
                        : new CacheSaving(
                                cached.kind(),
                                cached.sourceTurnId(),
                                cached.similarity(),
                                cached.promptTokens(),
                                cached.completionTokens(),
                                cached.costMicros()),
                turn.canonicalRequest() == null ? null : CanonicalRequest.hash(turn.canonicalRequest()),
                turn.opensConversation());
    }
}
