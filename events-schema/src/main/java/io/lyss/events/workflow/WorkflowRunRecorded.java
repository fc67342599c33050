package io.lyss.events.workflow;

import io.lyss.events.LyssEvent;
import java.time.Instant;
import java.util.List;

/**
 * One run of the per-request workflow with its whole node timeline. A single event per run keeps the event
 * store's append rate equal to the request rate.
 *
 * @param runId the workflow run id sent to the client ({@code workflow_run_id})
 * @param turnId the turn (message) the run produced
 * @param api the client-facing API, {@code openai} or {@code dify}
 * @param status {@code succeeded}, {@code failed} or {@code stopped}
 * @param nodes the nodes in the order they ran
 */
public record WorkflowRunRecorded(
        String runId,
        String turnId,
        String conversationId,
        String workspaceId,
        String keyId,
        String api,
        String status,
        String error,
        Instant startedAt,
        Instant finishedAt,
        long elapsedMicros,
        long totalTokens,
        List<NodeRun> nodes)
        implements LyssEvent {}
