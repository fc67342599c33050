package io.lyss.query.timelines;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.lyss.query.InvalidReportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workflow timelines: {@code GET /admin/v1/workspaces/{id}/workflow-runs} (newest first; filter by conversation,
 * turn or status) and {@code GET .../workflow-runs/{runId}} (one run with its nodes, timings, tokens and status).
 */
@RestController
class WorkflowRunController {

    private static final int MAX_RESULTS = 100;

    private final ElasticsearchClient elasticsearch;

    WorkflowRunController(ElasticsearchClient elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    record WorkflowRuns(String workspaceId, List<WorkflowRunDocument> runs) {}

    @GetMapping("/admin/v1/workspaces/{workspaceId}/workflow-runs")
    WorkflowRuns runs(
            @PathVariable String workspaceId,
            @RequestParam(required = false) String conversationId,
            @RequestParam(required = false) String turnId,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_RESULTS) {
            throw new InvalidReportRequest("limit", "limit must be between 1 and " + MAX_RESULTS);
        }
        return new WorkflowRuns(workspaceId, search(workspaceId, conversationId, turnId, status, null, limit));
    }

    @GetMapping("/admin/v1/workspaces/{workspaceId}/workflow-runs/{runId}")
    ResponseEntity<?> run(@PathVariable String workspaceId, @PathVariable String runId) {
        List<WorkflowRunDocument> found = search(workspaceId, null, null, null, runId, 1);
        if (found.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No workflow run " + runId + " in this workspace");
            problem.setTitle("Not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(found.getFirst());
    }

    private List<WorkflowRunDocument> search(
            String workspaceId, String conversationId, String turnId, String status, String runId, int size) {
        try {
            return elasticsearch
                    .search(
                            s -> s.index(WorkflowRunDocuments.ALIAS)
                                    .size(size)
                                    .query(q -> q.bool(b -> {
                                        b.filter(f -> f.term(
                                                t -> t.field("workspaceId").value(workspaceId)));
                                        term(b, "conversationId", conversationId);
                                        term(b, "turnId", turnId);
                                        term(b, "status", status);
                                        term(b, "runId", runId);
                                        return b;
                                    }))
                                    .sort(o -> o.field(f -> f.field("startedAt").order(SortOrder.Desc))),
                            WorkflowRunDocument.class)
                    .hits()
                    .hits()
                    .stream()
                    .map(Hit::source)
                    .filter(Objects::nonNull)
                    .toList();
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return List.of();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }

    private static void term(
            co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery.Builder bool, String field, String value) {
        if (value != null) {
            bool.filter(f -> f.term(t -> t.field(field).value(value)));
        }
    }
}
