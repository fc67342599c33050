package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/**
 * An administrator chose the model that extracts memories from a workspace's turns, and the virtual key it is called
 * with through Lyss's own routing.
 *
 * @param model a model the workspace's channels serve
 * @param virtualKey the key, sealed under the master key (owner {@code memory-model:<workspaceId>}); never plain
 */
public record MemoryModelConfigured(String workspaceId, String model, SealedSecret virtualKey) implements LyssEvent {}
