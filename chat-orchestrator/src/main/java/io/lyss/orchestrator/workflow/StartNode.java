package io.lyss.orchestrator.workflow;

import java.util.LinkedHashMap;
import java.util.Map;

/** The first node: announces what the run was asked. */
final class StartNode implements WorkflowNode {

    @Override
    public String type() {
        return "start";
    }

    @Override
    public String title() {
        return "Start";
    }

    @Override
    public boolean appliesTo(RunState run) {
        return true;
    }

    @Override
    public Map<String, Object> inputs(RunState run) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("sys.query", run.turn().question());
        inputs.put("sys.user_id", run.turn().endUserId());
        inputs.put("sys.conversation_id", run.turn().conversationId());
        return inputs;
    }

    @Override
    public NodeResult run(RunState run) {
        return NodeResult.succeeded(
                inputs(run), Map.of("model", run.turn().prompt().model()));
    }

    @Override
    public boolean essential() {
        return false;
    }
}
