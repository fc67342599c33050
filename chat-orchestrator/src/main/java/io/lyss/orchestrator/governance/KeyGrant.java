package io.lyss.orchestrator.governance;

import java.util.Set;

/**
 * What a valid virtual key allows: calls on behalf of its workspace, to its allowed models (all when empty).
 */
public record KeyGrant(String keyId, String workspaceId, Set<String> allowedModels) {

    public boolean mayCall(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }
}
