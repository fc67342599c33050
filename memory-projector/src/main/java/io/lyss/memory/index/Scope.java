package io.lyss.memory.index;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.QueryBuilders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which memories a request may see: always one workspace, optionally narrowed to a user, agent and run. The
 * workspace comes from the caller's credentials, never from the request body.
 */
public record Scope(String workspaceId, String userId, String agentId, String runId) {

    public Scope {
        Objects.requireNonNull(workspaceId, "workspaceId");
    }

    /** Term filters for Elasticsearch. */
    List<Query> filters() {
        List<Query> filters = new ArrayList<>();
        filters.add(term("workspaceId", workspaceId));
        if (userId != null) {
            filters.add(term("userId", userId));
        }
        if (agentId != null) {
            filters.add(term("agentId", agentId));
        }
        if (runId != null) {
            filters.add(term("runId", runId));
        }
        return filters;
    }

    private static Query term(String field, String value) {
        return QueryBuilders.term(t -> t.field(field).value(value));
    }
}
