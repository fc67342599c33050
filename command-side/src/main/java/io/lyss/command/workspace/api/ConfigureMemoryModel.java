package io.lyss.command.workspace.api;

import io.lyss.events.governance.SealedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set the model that extracts a workspace's memories and the virtual key (sealed) it is called with.
 *
 * @param virtualKey sealed under the master key, owner {@code memory-model:<workspaceId>}
 */
public record ConfigureMemoryModel(
        @TargetAggregateIdentifier String workspaceId, String model, SealedSecret virtualKey) {}
