package io.lyss.memory.api;

import io.lyss.memory.index.Scope;
import io.lyss.memory.memories.Forgetting;
import io.lyss.memory.memories.Memories;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service memory calls, behind the internal token ({@code /internal/**}) or the admin token
 * ({@code /admin/**}): the orchestrator's recall on the chat path, and an administrator's erasure of a user.
 */
@RestController
class RecallController {

    private static final int MAX_LIMIT = 50;

    private final Memories memories;
    private final Forgetting forgetting;

    RecallController(Memories memories, Forgetting forgetting) {
        this.memories = memories;
        this.forgetting = forgetting;
    }

    /** What the orchestrator sends: whose memories, for which question, how many at most. */
    record RecallRequest(String workspaceId, String userId, String query, Integer limit) {}

    /**
     * The user's memories closest to the query, best first: one embedding plus one filtered kNN search, no
     * model call. Answers {@code {"memories": [{"id", "memory", "score"}]}}.
     */
    @PostMapping("/internal/v1/memory/recall")
    Map<String, Object> recall(@RequestBody RecallRequest request) {
        if (blank(request.workspaceId()) || blank(request.userId()) || blank(request.query())) {
            throw MemoryApiException.badRequest("workspaceId, userId and query are required.");
        }
        int limit = request.limit() == null ? 5 : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw MemoryApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        var scope = new Scope(request.workspaceId(), request.userId(), null, null);
        List<Map<String, Object>> found = memories.search(scope, request.query(), limit, -1).stream()
                .map(m -> Map.<String, Object>of("id", m.id(), "memory", m.memory(), "score", m.score()))
                .toList();
        return Map.of("memories", found);
    }

    /** Erasure by an administrator: the user's data keys are destroyed and their memories dropped. */
    @PostMapping("/admin/v1/workspaces/{workspaceId}/end-users/{userId}/forget")
    Map<String, Object> forget(@PathVariable String workspaceId, @PathVariable String userId) {
        List<String> destroyed = forgetting.forget(workspaceId, userId);
        return Map.of("workspaceId", workspaceId, "userId", userId, "dataKeysDestroyed", destroyed.size());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
