package io.lyss.events.governance;

import io.lyss.events.LyssEvent;
import java.util.List;

/**
 * The models a virtual key may call changed.
 *
 * @param allowedModels public model names or aliases; empty means every model of the workspace
 */
public record ApiKeyModelsChanged(String keyId, String workspaceId, List<String> allowedModels) implements LyssEvent {}
