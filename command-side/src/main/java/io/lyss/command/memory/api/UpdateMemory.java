package io.lyss.command.memory.api;

import io.lyss.events.memory.EncryptedContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a memory's content. The scope it names must be the memory's own, or the memory is "not found". */
public record UpdateMemory(
        @TargetAggregateIdentifier String memoryId,
        String workspaceId,
        String userId,
        EncryptedContent content,
        String sourceTurnId,
        String extractor) {}
