package io.lyss.command.memory;

import io.lyss.events.memory.EncryptedContent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Memory changes decided by the memory projector ({@code POST /internal/v1/memory/changes}).
 *
 * @param keyId the virtual key on whose behalf they were asked for; null when extracted from a turn
 * @param correlationId the turn or request that led to them
 */
record MemoryChangeRequest(String keyId, @NotBlank String correlationId, @NotEmpty List<@Valid Change> changes) {

    /** One change; {@code content} is required for ADD and UPDATE. */
    record Change(
            @NotBlank @Pattern(regexp = "ADD|UPDATE|DELETE") String op,
            @NotBlank String memoryId,
            @NotBlank String workspaceId,
            @NotBlank String userId,
            String agentId,
            String runId,
            EncryptedContent content,
            String sourceTurnId,
            @NotBlank String extractor) {}

    /** What became of one change: {@code stored}, or {@code not_found} when the memory is not in that scope. */
    record Outcome(String memoryId, String op, String status) {}
}
