package io.lyss.memory.changes;

import io.lyss.events.memory.EncryptedContent;

/** One change to record as an event: {@code op} is ADD, UPDATE or DELETE; content is null for DELETE. */
public record MemoryChange(
        String op,
        String memoryId,
        String workspaceId,
        String userId,
        String agentId,
        String runId,
        EncryptedContent content,
        String sourceTurnId,
        String extractor) {}
