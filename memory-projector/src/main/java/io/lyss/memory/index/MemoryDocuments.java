package io.lyss.memory.index;

import java.util.HashMap;
import java.util.Map;

/** Mapping between index documents and {@link MemoryRecord}s. */
final class MemoryDocuments {

    private MemoryDocuments() {}

    @SuppressWarnings("unchecked")
    static MemoryRecord toRecord(String id, Map<?, ?> source, Double score) {
        Object metadata = source.get("metadata");
        return new MemoryRecord(
                id,
                text(source, "memory"),
                text(source, "hash"),
                metadata instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
                text(source, "workspaceId"),
                text(source, "userId"),
                text(source, "agentId"),
                text(source, "runId"),
                text(source, "createdAt"),
                text(source, "updatedAt"),
                score);
    }

    static Map<String, Object> document(
            String memoryId,
            String workspaceId,
            String userId,
            String agentId,
            String runId,
            String dataKeyId,
            String text,
            Map<String, Object> metadata,
            String createdAt,
            float[] embedding) {
        Map<String, Object> document = new HashMap<>();
        document.put("memoryId", memoryId);
        document.put("workspaceId", workspaceId);
        document.put("userId", userId);
        document.put("agentId", agentId);
        document.put("runId", runId);
        document.put("dataKeyId", dataKeyId);
        document.put("memory", text);
        document.put("hash", MemoryHash.of(text));
        document.put("metadata", metadata);
        document.put("createdAt", createdAt);
        document.put("updatedAt", createdAt);
        document.put("embedding", embedding);
        return document;
    }

    private static String text(Map<?, ?> source, String field) {
        Object value = source.get(field);
        return value == null ? null : value.toString();
    }
}
