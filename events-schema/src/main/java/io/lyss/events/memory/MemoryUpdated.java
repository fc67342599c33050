package io.lyss.events.memory;

import io.lyss.events.LyssEvent;

/**
 * A memory's text (and metadata) was replaced; its scope never changes.
 *
 * @param content the new text and metadata, encrypted under the user's data key
 * @param sourceTurnId the turn that led to the change; null when changed through the API
 * @param extractor what decided it: {@code llm:<model>}, {@code rules} or {@code api}
 */
public record MemoryUpdated(
        String memoryId,
        String workspaceId,
        String userId,
        EncryptedContent content,
        String sourceTurnId,
        String extractor)
        implements LyssEvent {}
