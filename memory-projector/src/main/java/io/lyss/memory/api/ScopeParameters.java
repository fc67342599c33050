package io.lyss.memory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.memory.index.Scope;

/**
 * Reads the entity ids of a request (top level, or in Mem0 v2/v3 {@code filters}, flat or under {@code AND}).
 * The workspace always comes from the caller's key; nothing in the body or its metadata can set it.
 */
final class ScopeParameters {

    private ScopeParameters() {}

    static Scope from(String workspaceId, JsonNode body) {
        return new Scope(workspaceId, entity(body, "user_id"), entity(body, "agent_id"), entity(body, "run_id"));
    }

    static Scope of(String workspaceId, String userId, String agentId, String runId) {
        return new Scope(workspaceId, blankToNull(userId), blankToNull(agentId), blankToNull(runId));
    }

    static Scope requireEntity(Scope scope) {
        if (scope.userId() == null && scope.agentId() == null && scope.runId() == null) {
            throw MemoryApiException.badRequest("One of user_id, agent_id or run_id is required.");
        }
        return scope;
    }

    private static String entity(JsonNode body, String field) {
        String top = text(body.get(field));
        if (top != null) {
            return top;
        }
        JsonNode filters = body.path("filters");
        String flat = text(filters.get(field));
        if (flat != null) {
            return flat;
        }
        for (JsonNode clause : filters.path("AND")) {
            String nested = text(clause.get(field));
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw MemoryApiException.badRequest("Entity ids must be strings.");
        }
        return blankToNull(node.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
