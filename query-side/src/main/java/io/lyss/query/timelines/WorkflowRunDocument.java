package io.lyss.query.timelines;

import java.util.List;
import java.util.Map;

/** One workflow run as indexed: the run and its node timeline. Times are ISO-8601 UTC. */
public record WorkflowRunDocument(
        String runId,
        String eventId,
        String workspaceId,
        String conversationId,
        String turnId,
        String keyId,
        String api,
        String status,
        String error,
        String startedAt,
        String finishedAt,
        long elapsedMicros,
        long totalTokens,
        long costMicros,
        int nodeCount,
        List<Node> nodes) {

    /** One node of the run. */
    public record Node(
            String nodeId,
            String nodeType,
            String title,
            int index,
            String status,
            String error,
            String startedAt,
            String finishedAt,
            long elapsedMicros,
            long totalTokens,
            long costMicros,
            Map<String, String> detail) {}
}
