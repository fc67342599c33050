package io.lyss.orchestrator.workflow;

import java.util.Map;

/** The last node: the answer the run produced. */
final class EndNode implements WorkflowNode {

    @Override
    public String type() {
        return "end";
    }

    @Override
    public String title() {
        return "End";
    }

    @Override
    public boolean appliesTo(RunState run) {
        return run.outcome() != null;
    }

    @Override
    public Map<String, Object> inputs(RunState run) {
        return Map.of();
    }

    @Override
    public NodeResult run(RunState run) {
        return NodeResult.succeeded(
                Map.of("answer", run.outcome().answer()),
                Map.of("finishReason", run.outcome().finishReason()));
    }

    @Override
    public boolean essential() {
        return false;
    }
}
