package io.lyss.query.timelines;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.lyss.events.EventCatalogue;
import io.lyss.events.workflow.NodeRun;
import io.lyss.events.workflow.WorkflowRunRecorded;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.readmodel.SearchDocuments;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Workflow timelines: one document per run (id = run id), nodes inside; node details are kept, not indexed. */
public final class WorkflowRunDocuments implements SearchDocuments<WorkflowRunDocument> {

    public static final String NAME = "workflow-runs";
    static final String ALIAS = "lyss-workflow-runs";
    private static final String TYPE = EventCatalogue.nameOf(WorkflowRunRecorded.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public boolean handles(String eventType) {
        return TYPE.equals(eventType);
    }

    @Override
    public WorkflowRunDocument document(ProjectedEvent event) {
        WorkflowRunRecorded run = (WorkflowRunRecorded) event.payload();
        List<NodeRun> runNodes = run.nodes() == null ? List.of() : run.nodes();
        List<WorkflowRunDocument.Node> nodes = runNodes.stream()
                .map(node -> new WorkflowRunDocument.Node(
                        node.nodeId(),
                        node.nodeType(),
                        node.title(),
                        node.index(),
                        node.status(),
                        node.error(),
                        text(node.startedAt()),
                        text(node.finishedAt()),
                        node.elapsedMicros(),
                        node.totalTokens(),
                        node.costMicros(),
                        node.detail() == null ? Map.of() : node.detail()))
                .toList();
        return new WorkflowRunDocument(
                run.runId(),
                event.envelope().eventId(),
                run.workspaceId(),
                run.conversationId(),
                run.turnId(),
                run.keyId(),
                run.api(),
                run.status(),
                run.error(),
                text(run.startedAt()),
                text(run.finishedAt()),
                run.elapsedMicros(),
                run.totalTokens(),
                runNodes.stream().mapToLong(NodeRun::costMicros).sum(),
                nodes.size(),
                nodes);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public String id(WorkflowRunDocument document) {
        return document.runId();
    }

    @Override
    public String idField() {
        return "runId";
    }

    @Override
    public Class<WorkflowRunDocument> documentType() {
        return WorkflowRunDocument.class;
    }

    @Override
    public TypeMapping mapping() {
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                .properties("runId", p -> p.keyword(k -> k))
                .properties("eventId", p -> p.keyword(k -> k))
                .properties("workspaceId", p -> p.keyword(k -> k))
                .properties("conversationId", p -> p.keyword(k -> k))
                .properties("turnId", p -> p.keyword(k -> k))
                .properties("keyId", p -> p.keyword(k -> k))
                .properties("api", p -> p.keyword(k -> k))
                .properties("status", p -> p.keyword(k -> k))
                .properties("error", p -> p.text(t -> t.analyzer("standard")))
                .properties("startedAt", p -> p.date(d -> d))
                .properties("finishedAt", p -> p.date(d -> d))
                .properties("elapsedMicros", p -> p.long_(l -> l))
                .properties("totalTokens", p -> p.long_(l -> l))
                .properties("costMicros", p -> p.long_(l -> l))
                .properties("nodeCount", p -> p.integer(i -> i))
                .properties(
                        "nodes",
                        p -> p.object(o -> o.properties("nodeId", n -> n.keyword(k -> k))
                                .properties("nodeType", n -> n.keyword(k -> k))
                                .properties("title", n -> n.keyword(k -> k))
                                .properties("index", n -> n.integer(i -> i))
                                .properties("status", n -> n.keyword(k -> k))
                                .properties("error", n -> n.text(t -> t.analyzer("standard")))
                                .properties("startedAt", n -> n.date(d -> d))
                                .properties("finishedAt", n -> n.date(d -> d))
                                .properties("elapsedMicros", n -> n.long_(l -> l))
                                .properties("totalTokens", n -> n.long_(l -> l))
                                .properties("costMicros", n -> n.long_(l -> l))
                                .properties("detail", n -> n.object(d -> d.enabled(false))))));
    }
}
