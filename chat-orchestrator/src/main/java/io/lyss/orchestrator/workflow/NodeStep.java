package io.lyss.orchestrator.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * A node about to run.
 *
 * @param executionId unique per run and node (Dify's node execution {@code id})
 * @param index position in the run, from 1
 * @param predecessorNodeId the node that ran before it; null for the first
 */
public record NodeStep(
        String executionId,
        String nodeId,
        String nodeType,
        String title,
        int index,
        String predecessorNodeId,
        Map<String, Object> inputs,
        Instant startedAt) {}
