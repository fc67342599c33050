package io.lyss.events.memory;

import io.lyss.events.LyssEvent;

/**
 * A fact about an end user was remembered.
 *
 * @param memoryId the memory's identity for life
 * @param userId the end user the memory is about (its scope, with the workspace, for life)
 * @param agentId optional agent scope; null when none
 * @param runId optional run scope; null when none
 * @param content the memory text and metadata, encrypted under the user's data key
 * @param sourceTurnId the conversation turn it was extracted from; null when added through the API
 * @param extractor what produced it: {@code llm:<model>}, {@code rules} or {@code api}
 */
public record MemoryAdded(
        String memoryId,
        String workspaceId,
        String userId,
        String agentId,
        String runId,
        EncryptedContent content,
        String sourceTurnId,
        String extractor)
        implements LyssEvent {}
