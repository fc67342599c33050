package io.lyss.memory.api;

import io.lyss.memory.index.MemoryRecord;
import io.lyss.memory.memories.AddResult;
import io.lyss.memory.memories.History;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mem0's snake_case JSON for memories, add results and history entries. */
final class MemoryJson {

    private MemoryJson() {}

    static Map<String, Object> memory(MemoryRecord memory) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", memory.id());
        json.put("memory", memory.memory());
        json.put("hash", memory.hash());
        json.put("metadata", memory.metadata());
        json.put("user_id", memory.userId());
        json.put("agent_id", memory.agentId());
        json.put("run_id", memory.runId());
        json.put("created_at", memory.createdAt());
        json.put("updated_at", memory.updatedAt());
        if (memory.score() != null) {
            json.put("score", memory.score());
        }
        return json;
    }

    static Map<String, Object> added(AddResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", result.id());
        json.put("memory", result.memory());
        json.put("event", result.event());
        json.put("data", Map.of("memory", result.memory()));
        if (result.previousMemory() != null) {
            json.put("previous_memory", result.previousMemory());
        }
        return json;
    }

    static Map<String, Object> change(History.Change change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", change.id());
        json.put("memory_id", change.memoryId());
        json.put("old_memory", change.oldMemory());
        json.put("new_memory", change.newMemory());
        json.put("event", change.event());
        json.put("user_id", change.userId());
        json.put("source_turn_id", change.sourceTurnId());
        json.put("extractor", change.extractor());
        json.put("created_at", change.createdAt());
        json.put("updated_at", change.createdAt());
        return json;
    }
}
