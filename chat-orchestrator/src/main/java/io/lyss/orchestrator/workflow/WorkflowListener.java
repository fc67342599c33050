package io.lyss.orchestrator.workflow;

import io.lyss.events.workflow.NodeRun;
import java.util.Map;

/**
 * Told about each node as it starts and finishes, on the request's own thread, so that a client protocol can
 * stream the timeline (Dify's {@code node_started} / {@code node_finished}). Skipped nodes are not announced.
 */
public interface WorkflowListener {

    /** For protocols without node events (OpenAI). */
    WorkflowListener NONE = new WorkflowListener() {
        @Override
        public void nodeStarted(NodeStep step) {}

        @Override
        public void nodeFinished(NodeStep step, NodeRun run, Map<String, Object> outputs) {}
    };

    void nodeStarted(NodeStep step);

    /** @param outputs what the node produced, small and secret-free, for the client to show */
    void nodeFinished(NodeStep step, NodeRun run, Map<String, Object> outputs);
}
