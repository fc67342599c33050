package io.lyss.command.admin;

import io.lyss.command.access.ResourceView;
import io.lyss.command.apikey.api.ChangeApiKeyModels;
import io.lyss.command.apikey.api.ChangeApiKeySemanticCache;
import io.lyss.command.apikey.api.RotateApiKey;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.command.scope.Provenance;
import io.lyss.security.keys.VirtualKeys;
import java.util.List;
import org.springframework.stereotype.Service;

/** Rotating virtual keys and changing what they may call. */
@Service
public class KeyAdmin {

    private final AdminCommands commands;
    private final ResourceView resources;

    KeyAdmin(AdminCommands commands, ResourceView resources) {
        this.commands = commands;
        this.resources = resources;
    }

    /** A rotated key's new secret, shown once. */
    public record RotatedKey(String id, String key, String prefix) {
        @Override
        public String toString() {
            return "RotatedKey[" + id + ", " + prefix + "…]";
        }
    }

    /** The owner of a key of this workspace (null for a workspace key); 404 when there is no such key. */
    public String ownerOf(String workspaceId, String keyId) {
        return key(workspaceId, keyId).ownerUserId();
    }

    public List<ResourceView.KeyEntry> list(String workspaceId) {
        return resources.keysOf(workspaceId);
    }

    public RotatedKey rotate(String workspaceId, String keyId, Provenance provenance) {
        key(workspaceId, keyId);
        VirtualKeys.IssuedKey issued = VirtualKeys.issue();
        commands.send(new RotateApiKey(keyId, workspaceId, issued.hash(), issued.visiblePrefix()), provenance);
        return new RotatedKey(keyId, issued.plainKey(), issued.visiblePrefix());
    }

    public void changeModels(String workspaceId, String keyId, List<String> models, Provenance provenance) {
        key(workspaceId, keyId);
        commands.send(new ChangeApiKeyModels(keyId, workspaceId, List.copyOf(models)), provenance);
    }

    /** Turns the semantic answer cache on or off for every request of the key. */
    public void changeSemanticCache(String workspaceId, String keyId, boolean semantic, Provenance provenance) {
        key(workspaceId, keyId);
        commands.send(new ChangeApiKeySemanticCache(keyId, workspaceId, semantic), provenance);
    }

    private ResourceView.KeyEntry key(String workspaceId, String keyId) {
        return resources.key(keyId, workspaceId).orElseThrow(() -> new NotFoundInWorkspaceException("key", keyId));
    }
}
