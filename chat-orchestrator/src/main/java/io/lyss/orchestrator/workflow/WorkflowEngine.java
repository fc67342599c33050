package io.lyss.orchestrator.workflow;

import io.lyss.events.workflow.NodeRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a fixed chain of nodes on the calling thread: no queue, no extra thread, no hop between nodes, so the
 * engine adds only a few clock reads and listener calls before the first token. Each node is timed; a node that
 * does not apply is recorded as skipped; a failing non-essential node is recorded as failed and the run goes on;
 * a failing essential node ends the run as failed.
 */
final class WorkflowEngine {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowEngine.class);

    private final List<WorkflowNode> nodes;

    WorkflowEngine(List<WorkflowNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** How a run went: its timeline, and the failure that ended it (null when it did not fail). */
    record Timeline(List<NodeRun> nodes, String status, String error, RuntimeException failure) {

        long totalTokens() {
            long total = 0;
            for (NodeRun node : nodes) {
                total += node.totalTokens();
            }
            return total;
        }

        long costMicros() {
            long total = 0;
            for (NodeRun node : nodes) {
                total += node.costMicros();
            }
            return total;
        }
    }

    Timeline run(RunState run, WorkflowListener listener) {
        List<NodeRun> timeline = new ArrayList<>(nodes.size());
        String predecessor = null;
        String status = "succeeded";
        String error = null;
        RuntimeException failure = null;
        int index = 0;
        for (WorkflowNode node : nodes) {
            index++;
            Instant startedAt = Instant.now();
            if (failure != null || !node.appliesTo(run)) {
                timeline.add(new NodeRun(
                        node.type(),
                        node.type(),
                        node.title(),
                        index,
                        "skipped",
                        null,
                        startedAt,
                        startedAt,
                        0,
                        0,
                        0,
                        Map.of()));
                continue;
            }
            var step = new NodeStep(
                    run.turn().runId() + "-" + index,
                    node.type(),
                    node.type(),
                    node.title(),
                    index,
                    predecessor,
                    node.inputs(run),
                    startedAt);
            listener.nodeStarted(step);
            long started = System.nanoTime();
            NodeResult result;
            try {
                result = node.run(run);
            } catch (RuntimeException e) {
                result = new NodeResult("failed", describe(e), Map.of(), Map.of(), 0, 0);
                if (node.essential()) {
                    failure = e;
                } else {
                    LOG.warn(
                            "Workflow node {} failed softly: {}",
                            node.type(),
                            e.getClass().getSimpleName());
                }
            }
            long elapsedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
            NodeRun finished = new NodeRun(
                    node.type(),
                    node.type(),
                    node.title(),
                    index,
                    result.status(),
                    result.error(),
                    startedAt,
                    startedAt.plusNanos(elapsedMicros * 1000),
                    elapsedMicros,
                    result.totalTokens(),
                    result.costMicros(),
                    result.detail());
            timeline.add(finished);
            listener.nodeFinished(step, finished, result.outputs());
            predecessor = node.type();
            if (node.essential() && !"succeeded".equals(result.status())) {
                status = "stopped".equals(result.status()) ? "stopped" : "failed";
                error = result.error();
            }
        }
        return new Timeline(List.copyOf(timeline), status, error, failure);
    }

    /** A failure as the client may see it: its own message for our protocol errors, its kind otherwise. */
    private static String describe(RuntimeException e) {
        return e instanceof io.lyss.orchestrator.openai.OpenAiError
                ? e.getMessage()
                : e.getClass().getSimpleName();
    }
}
