package io.lyss.command.memory.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a memory. Deleting a deleted memory changes nothing. */
public record DeleteMemory(
        @TargetAggregateIdentifier String memoryId,
        String workspaceId,
        String userId,
        String sourceTurnId,
        String extractor) {}
