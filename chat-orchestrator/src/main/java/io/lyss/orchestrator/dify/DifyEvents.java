package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.workflow.NodeRun;
import io.lyss.orchestrator.workflow.NodeStep;
import io.lyss.orchestrator.workflow.WorkflowResult;
import java.util.Map;

/** Builds the JSON of Dify's stream events for one answer, with the fields Dify's clients read. */
final class DifyEvents {

    static final String WORKFLOW_ID = "lyss-chat";

    private final ObjectMapper json;
    private final DifyTurnIds ids;
    private final DifyUsage usage;
    private final String model;

    DifyEvents(ObjectMapper json, DifyTurnIds ids, DifyUsage usage, String model) {
        this.json = json;
        this.ids = ids;
        this.usage = usage;
        this.model = model;
    }

    ObjectNode workflowStarted(ObjectNode inputs) {
        ObjectNode event = base("workflow_started").put("workflow_run_id", ids.workflowRunId());
        ObjectNode data = event.putObject("data")
                .put("id", ids.workflowRunId())
                .put("workflow_id", WORKFLOW_ID)
                .put("sequence_number", 1);
        data.set("inputs", inputs);
        data.put("created_at", ids.createdAt());
        return event;
    }

    ObjectNode nodeStarted(NodeStep step) {
        ObjectNode event = base("node_started").put("workflow_run_id", ids.workflowRunId());
        node(event.putObject("data"), step);
        return event;
    }

    ObjectNode nodeFinished(NodeStep step, NodeRun run, Map<String, Object> outputs) {
        ObjectNode event = base("node_finished").put("workflow_run_id", ids.workflowRunId());
        ObjectNode data = node(event.putObject("data"), step);
        data.set("process_data", null);
        data.set("outputs", json.valueToTree(outputs));
        data.put("status", run.status());
        data.put("error", run.error());
        data.put("elapsed_time", run.elapsedMicros() / 1e6);
        data.putObject("execution_metadata")
                .put("total_tokens", run.totalTokens())
                .put("total_price", DifyUsage.price(run.costMicros()))
                .put("currency", usage.currency());
        data.put("finished_at", run.finishedAt().getEpochSecond());
        return event;
    }

    ObjectNode message(String text) {
        return base("message").put("id", ids.messageId()).put("answer", text);
    }

    ObjectNode messageEnd(WorkflowResult result, double latencySeconds) {
        ObjectNode event = base("message_end").put("id", ids.messageId());
        ObjectNode metadata = event.putObject("metadata");
        usage.write(
                metadata.putObject("usage"),
                model,
                result.outcome().usage(),
                result.cachedAnswer() != null,
                latencySeconds);
        metadata.putArray("retriever_resources");
        return event;
    }

    /** The whole answer of a blocking request, with the same metadata as {@code message_end}. */
    ObjectNode blockingAnswer(WorkflowResult result, double latencySeconds) {
        ObjectNode body = json.createObjectNode()
                .put("event", "message")
                .put("task_id", ids.taskId())
                .put("id", ids.messageId())
                .put("message_id", ids.messageId())
                .put("conversation_id", ids.conversationId())
                .put("mode", "advanced-chat")
                .put("answer", result.outcome().answer());
        body.set("metadata", messageEnd(result, latencySeconds).get("metadata"));
        return body.put("created_at", ids.createdAt());
    }

    ObjectNode workflowFinished(WorkflowResult result) {
        ObjectNode event = base("workflow_finished").put("workflow_run_id", ids.workflowRunId());
        ObjectNode data = event.putObject("data")
                .put("id", ids.workflowRunId())
                .put("workflow_id", WORKFLOW_ID)
                .put("status", result.status());
        ObjectNode outputs = data.putObject("outputs");
        if (result.outcome() != null) {
            outputs.put("answer", result.outcome().answer());
        }
        data.put("error", result.error());
        data.put("elapsed_time", result.elapsedMicros() / 1e6);
        data.put("total_tokens", result.totalTokens());
        data.put(
                "total_steps",
                result.nodes().stream()
                        .filter(node -> !"skipped".equals(node.status()))
                        .count());
        data.put("created_at", result.startedAt().getEpochSecond());
        data.put("finished_at", result.finishedAt().getEpochSecond());
        return event;
    }

    ObjectNode error(DifyError error) {
        return base("error")
                .put("status", error.status())
                .put("code", error.code())
                .put("message", error.getMessage());
    }

    private ObjectNode node(ObjectNode data, NodeStep step) {
        data.put("id", step.executionId())
                .put("node_id", step.nodeId())
                .put("node_type", step.nodeType())
                .put("title", step.title())
                .put("index", step.index())
                .put("predecessor_node_id", step.predecessorNodeId());
        data.set("inputs", json.valueToTree(step.inputs()));
        data.put("created_at", step.startedAt().getEpochSecond());
        return data;
    }

    private ObjectNode base(String name) {
        return json.createObjectNode()
                .put("event", name)
                .put("task_id", ids.taskId())
                .put("conversation_id", ids.conversationId())
                .put("message_id", ids.messageId())
                .put("created_at", ids.createdAt());
    }
}
