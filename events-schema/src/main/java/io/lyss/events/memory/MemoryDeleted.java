package io.lyss.events.memory;

import io.lyss.events.LyssEvent;

/**
 * A memory was deleted.
 *
 * @param sourceTurnId the turn that contradicted it; null when deleted through the API
 * @param extractor what decided it: {@code llm:<model>}, {@code rules} or {@code api}
 */
public record MemoryDeleted(String memoryId, String workspaceId, String userId, String sourceTurnId, String extractor)
        implements LyssEvent {}
