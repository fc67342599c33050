package io.lyss.orchestrator.workflow;

import java.util.Map;

/**
 * What a node reports when it returns.
 *
 * @param status {@code succeeded}, {@code failed} or {@code stopped}
 * @param outputs shown to the client in {@code node_finished}
 * @param detail kept in the recorded timeline ({@code NodeRun.detail})
 */
record NodeResult(
        String status,
        String error,
        Map<String, Object> outputs,
        Map<String, String> detail,
        long totalTokens,
        long costMicros) {

    static NodeResult succeeded(Map<String, Object> outputs, Map<String, String> detail) {
        return new NodeResult("succeeded", null, outputs, detail, 0, 0);
    }
}
