package io.lyss.command.conversation.api;

import io.lyss.events.workflow.NodeRun;
import java.time.Instant;
import java.util.List;

/**
 * The workflow run that produced a turn, with its node timeline, as the orchestrator measured it.
 *
 * @param status {@code succeeded}, {@code failed} or {@code stopped}
 */
public record WorkflowTimeline(
        String runId,
        String status,
        String error,
        Instant startedAt,
        Instant finishedAt,
        long elapsedMicros,
        long totalTokens,
        List<NodeRun> nodes) {}
