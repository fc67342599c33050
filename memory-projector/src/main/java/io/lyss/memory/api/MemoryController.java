package io.lyss.memory.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.memory.api.ApiKeyDirectory.Caller;
import io.lyss.memory.extraction.Message;
import io.lyss.memory.index.MemoryIndex;
import io.lyss.memory.index.Scope;
import io.lyss.memory.memories.AddResult;
import io.lyss.memory.memories.Forgetting;
import io.lyss.memory.memories.History;
import io.lyss.memory.memories.Memories;
import io.lyss.memory.memories.Remembering;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Mem0-compatible memory API (the paths the official {@code mem0ai} client calls), authenticated by a Lyss
 * virtual key ({@code Authorization: Token <key>}) and scoped to the key's workspace.
 */
@RestController
class MemoryController {

    private static final int MAX_LIMIT = 100;

    private final ApiKeyDirectory keys;
    private final Remembering remembering;
    private final Memories memories;
    private final History history;
    private final Forgetting forgetting;
    private final ObjectMapper json = new ObjectMapper();

    MemoryController(
            ApiKeyDirectory keys, Remembering remembering, Memories memories, History history, Forgetting forgetting) {
        this.keys = keys;
        this.remembering = remembering;
        this.memories = memories;
        this.history = history;
        this.forgetting = forgetting;
    }

    @GetMapping("/v1/ping/")
    Map<String, Object> ping(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Caller caller = caller(authorization);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "ok");
        answer.put("org_id", caller.workspaceId());
        answer.put("project_id", caller.workspaceId());
        return answer;
    }

    @PostMapping({"/v1/memories/", "/v3/memories/add/"})
    Map<String, Object> add(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestBody JsonNode body) {
        Caller caller = caller(authorization);
        Scope scope = ScopeParameters.from(caller.workspaceId(), body);
        if (scope.userId() == null) {
            throw MemoryApiException.badRequest("user_id is required: memories belong to an end user.");
        }
        List<Message> messages = MessagesParameter.read(body.get("messages"));
        Map<String, Object> metadata = metadata(body.get("metadata"));
        boolean infer = !body.has("infer") || body.path("infer").asBoolean(true);
        List<AddResult> results = remembering.add(scope, messages, metadata, infer, caller.keyId(), null, null);
        return Map.of("results", results.stream().map(MemoryJson::added).toList());
    }

    @PostMapping({"/v1/memories/search/", "/v2/memories/search/", "/v3/memories/search/"})
    Object search(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestBody JsonNode body,
            jakarta.servlet.http.HttpServletRequest request) {
        Caller caller = caller(authorization);
        Scope scope = ScopeParameters.requireEntity(ScopeParameters.from(caller.workspaceId(), body));
        String query = body.path("query").asText("");
        if (query.isBlank()) {
            throw MemoryApiException.badRequest("query is required.");
        }
        int limit = body.has("top_k")
                ? body.path("top_k").asInt()
                : body.path("limit").asInt(10);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw MemoryApiException.badRequest("top_k/limit must be between 1 and " + MAX_LIMIT + ".");
        }
        double threshold = body.path("threshold").asDouble(-1);
        List<Map<String, Object>> found = memories.search(scope, query, limit, threshold).stream()
                .map(MemoryJson::memory)
                .toList();
        return request.getRequestURI().startsWith("/v1/") ? found : Map.of("results", found);
    }

    @GetMapping("/v1/memories/")
    List<Map<String, Object>> list(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestParam(value = "user_id", required = false) String userId,
            @RequestParam(value = "agent_id", required = false) String agentId,
            @RequestParam(value = "run_id", required = false) String runId,
            @RequestParam(value = "limit", defaultValue = "100") int limit) {
        Caller caller = caller(authorization);
        Scope scope = ScopeParameters.requireEntity(ScopeParameters.of(caller.workspaceId(), userId, agentId, runId));
        return page(scope, 0, limit).records().stream().map(MemoryJson::memory).toList();
    }

    @PostMapping({"/v2/memories/", "/v3/memories/"})
    Map<String, Object> listPaged(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestBody JsonNode body,
            @RequestParam(value = "page", defaultValue = "1") int page,
            @RequestParam(value = "page_size", defaultValue = "100") int pageSize) {
        Caller caller = caller(authorization);
        Scope scope = ScopeParameters.requireEntity(ScopeParameters.from(caller.workspaceId(), body));
        if (page < 1) {
            throw MemoryApiException.badRequest("page starts at 1.");
        }
        MemoryIndex.Page found = page(scope, (page - 1) * pageSize, pageSize);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", found.total());
        answer.put("next", null);
        answer.put("previous", null);
        answer.put("results", found.records().stream().map(MemoryJson::memory).toList());
        return answer;
    }

    @GetMapping("/v1/memories/{memoryId}/")
    Map<String, Object> get(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String memoryId) {
        return MemoryJson.memory(memories.get(caller(authorization).workspaceId(), memoryId));
    }

    @PutMapping("/v1/memories/{memoryId}/")
    Map<String, Object> update(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String memoryId,
            @RequestBody JsonNode body) {
        Caller caller = caller(authorization);
        String text = body.hasNonNull("text") ? body.path("text").asText() : null;
        Map<String, Object> metadata = body.hasNonNull("metadata") ? metadata(body.get("metadata")) : null;
        if (text == null && metadata == null) {
            throw MemoryApiException.badRequest("text or metadata is required.");
        }
        AddResult result = memories.update(caller.workspaceId(), memoryId, text, metadata, caller.keyId());
        return MemoryJson.added(result);
    }

    @DeleteMapping("/v1/memories/{memoryId}/")
    Map<String, String> delete(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String memoryId) {
        Caller caller = caller(authorization);
        memories.delete(caller.workspaceId(), memoryId, caller.keyId());
        return Map.of("message", "Memory deleted successfully!");
    }

    @DeleteMapping("/v1/memories/")
    Map<String, Object> deleteAll(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestParam(value = "user_id", required = false) String userId,
            @RequestParam(value = "agent_id", required = false) String agentId,
            @RequestParam(value = "run_id", required = false) String runId) {
        Caller caller = caller(authorization);
        Scope scope = ScopeParameters.requireEntity(ScopeParameters.of(caller.workspaceId(), userId, agentId, runId));
        int deleted = memories.deleteAll(scope, caller.keyId());
        return Map.of("message", "Memories deleted successfully!", "deleted", deleted);
    }

    @GetMapping("/v1/memories/{memoryId}/history/")
    List<Map<String, Object>> history(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String memoryId) {
        return history.of(caller(authorization).workspaceId(), memoryId).stream()
                .map(MemoryJson::change)
                .toList();
    }

    /** Erasure of an end user (Mem0's "delete user" entity call): crypto-shreds their memories. */
    @DeleteMapping("/v1/entities/user/{userId}/")
    Map<String, Object> forgetUser(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String userId) {
        Caller caller = caller(authorization);
        List<String> destroyed = forgetting.forget(caller.workspaceId(), userId);
        return Map.of("message", "Entity deleted successfully!", "data_keys_destroyed", destroyed.size());
    }

    private MemoryIndex.Page page(Scope scope, int from, int size) {
        if (size < 1 || size > 1000 || from < 0 || from > 10_000) {
            throw MemoryApiException.badRequest("page_size/limit must be between 1 and 1000.");
        }
        return memories.list(scope, from, size);
    }

    private Caller caller(String authorization) {
        return keys.authenticate(authorization).orElseThrow(MemoryApiException::unauthorized);
    }

    private Map<String, Object> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw MemoryApiException.badRequest("metadata must be an object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = json.convertValue(node, LinkedHashMap.class);
        return new LinkedHashMap<>(metadata);
    }
}
