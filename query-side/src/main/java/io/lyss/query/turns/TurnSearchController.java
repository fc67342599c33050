package io.lyss.query.turns;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/v1/workspaces/{id}/turns?q=...}: conversation search. The workspace's turns, newest first, or
 * those matching q; optionally of one conversation or end user.
 */
@RestController
class TurnSearchController {

    private static final int MAX_RESULTS = 100;

    private final ElasticsearchClient elasticsearch;

    TurnSearchController(ElasticsearchClient elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    record TurnSearchResult(String workspaceId, List<TurnDocument> turns) {}

    @GetMapping("/admin/v1/workspaces/{workspaceId}/turns")
    TurnSearchResult search(
            @PathVariable String workspaceId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String conversationId,
            @RequestParam(required = false) String endUserId,
            @RequestParam(defaultValue = "20") int limit) {
        int size = Math.clamp(limit, 1, MAX_RESULTS);
        try {
            SearchResponse<TurnDocument> response = elasticsearch.search(
                    search -> search.index(TurnDocuments.ALIAS)
                            .size(size)
                            .query(query -> query.bool(bool -> {
                                bool.filter(
                                        f -> f.term(t -> t.field("workspaceId").value(workspaceId)));
                                if (conversationId != null) {
                                    bool.filter(f -> f.term(
                                            t -> t.field("conversationId").value(conversationId)));
                                }
                                if (endUserId != null) {
                                    bool.filter(f ->
                                            f.term(t -> t.field("endUserId").value(endUserId)));
                                }
                                if (q != null && !q.isBlank()) {
                                    bool.must(
                                            m -> m.multiMatch(mm -> mm.query(q).fields("question", "answer")));
                                }
                                return bool;
                            }))
                            .sort(sort -> sort.field(f -> f.field("occurredAt").order(SortOrder.Desc))),
                    TurnDocument.class);
            List<TurnDocument> turns = response.hits().hits().stream()
                    .map(Hit::source)
                    .filter(Objects::nonNull)
                    .toList();
            return new TurnSearchResult(workspaceId, turns);
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return new TurnSearchResult(workspaceId, List.of());
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }
}
