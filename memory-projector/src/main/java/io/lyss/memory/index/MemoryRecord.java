package io.lyss.memory.index;

import java.util.Map;

/**
 * A memory as the index holds it (decrypted), in the shape of a Mem0 memory record.
 *
 * @param score cosine similarity to the query, for search results; null otherwise
 */
public record MemoryRecord(
        String id,
        String memory,
        String hash,
        Map<String, Object> metadata,
        String workspaceId,
        String userId,
        String agentId,
        String runId,
        String createdAt,
        String updatedAt,
        Double score) {}
