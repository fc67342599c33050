package io.lyss.orchestrator.recording;

import io.lyss.events.workflow.NodeRun;
import java.time.Instant;
import java.util.List;

/** The workflow run behind a turn, reported with it and recorded as {@code WorkflowRunRecorded}. */
public record RunTimeline(
        String runId,
        String status,
        String error,
        Instant startedAt,
        Instant finishedAt,
        long elapsedMicros,
        long totalTokens,
        List<NodeRun> nodes) {}
