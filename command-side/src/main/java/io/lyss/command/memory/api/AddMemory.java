package io.lyss.command.memory.api;

import io.lyss.events.memory.EncryptedContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remember a fact about an end user. Adding the same memory id again in the same scope changes nothing. */
public record AddMemory(
        @TargetAggregateIdentifier String memoryId,
        String workspaceId,
        String userId,
        String agentId,
        String runId,
        EncryptedContent content,
        String sourceTurnId,
        String extractor) {}
