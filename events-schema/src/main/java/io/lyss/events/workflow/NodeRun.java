package io.lyss.events.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * One node of a workflow run, as the client saw it in {@code node_started} / {@code node_finished}.
 *
 * @param nodeType {@code start}, {@code memory}, {@code cache}, {@code llm} or {@code end}
 * @param status {@code succeeded}, {@code failed}, {@code skipped} or {@code stopped}
 * @param totalTokens tokens spent by this node; 0 when it called no model
 * @param costMicros cost of this node, in millionths of the price table's currency unit
 * @param detail small, secret-free facts about the node (e.g. channel id, cache kind, memory ids used)
 */
public record NodeRun(
        String nodeId,
        String nodeType,
        String title,
        int index,
        String status,
        String error,
        Instant startedAt,
        Instant finishedAt,
        long elapsedMicros,
        long totalTokens,
        long costMicros,
        Map<String, String> detail) {}
