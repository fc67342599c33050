package io.lyss.orchestrator.governance;

import io.lyss.events.LyssEvent;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyModelsChanged;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ApiKeyRotated;
import io.lyss.events.governance.ApiKeySemanticCacheChanged;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ChannelDisabled;
import io.lyss.events.governance.ChannelEnabled;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.ChannelUpdated;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.ModelAliasRemoved;
import io.lyss.events.governance.ProviderType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys, channels and model aliases of every workspace, held in memory so that authenticating a request costs a
 * hash and a map lookup, never a database round trip. A projection of governance events, fed by
 * {@link GovernanceFeed}: revoked and rotated-away keys are gone, disabled channels are not routed, and an alias
 * routes to its channels under their upstream model names.
 */
public class GovernanceView {

    private final Map<String, KeyGrant> grantsByKeyHash = new ConcurrentHashMap<>();
    private final Map<String, String> keyHashByKeyId = new ConcurrentHashMap<>();
    private final ChannelBook channels = new ChannelBook();

    /** Applies one governance event; other events are ignored. */
    public void apply(LyssEvent event) {
        switch (event) {
            case ApiKeyIssued issued -> {
                grantsByKeyHash.put(
                        issued.keyHash(),
                        new KeyGrant(
                                issued.keyId(),
                                issued.workspaceId(),
                                Set.copyOf(issued.allowedModels()),
                                issued.ownerUserId(),
                                issued.expiresAt()));
                keyHashByKeyId.put(issued.keyId(), issued.keyHash());
            }
            case ApiKeyRotated rotated -> {
                String oldHash = keyHashByKeyId.get(rotated.keyId());
                KeyGrant grant = oldHash == null ? null : grantsByKeyHash.remove(oldHash);
                if (grant != null) {
                    grantsByKeyHash.put(rotated.keyHash(), grant);
                    keyHashByKeyId.put(rotated.keyId(), rotated.keyHash());
                }
            }
            case ApiKeyModelsChanged changed -> {
                String hash = keyHashByKeyId.get(changed.keyId());
                if (hash != null) {
                    grantsByKeyHash.computeIfPresent(
                            hash, (h, grant) -> grant.withModels(Set.copyOf(changed.allowedModels())));
                }
            }
            case ApiKeySemanticCacheChanged changed -> {
                String hash = keyHashByKeyId.get(changed.keyId());
                if (hash != null) {
                    grantsByKeyHash.computeIfPresent(
                            hash, (h, grant) -> grant.withSemanticCache(changed.semanticCache()));
                }
            }
            case ApiKeyRevoked revoked -> {
                String hash = keyHashByKeyId.remove(revoked.keyId());
                if (hash != null) {
                    grantsByKeyHash.remove(hash);
                }
            }
            case ChannelAdded added -> channels.add(added);
            case ChannelUpdated updated -> channels.update(updated);
            case ChannelDisabled disabled -> channels.enable(disabled.workspaceId(), disabled.channelId(), false);
            case ChannelEnabled enabled -> channels.enable(enabled.workspaceId(), enabled.channelId(), true);
            case ChannelSecretRotated rotated -> channels.rotateSecret(rotated);
            case ModelAliasDefined defined -> channels.defineAlias(defined);
            case ModelAliasRemoved removed -> channels.removeAlias(removed);
            default -> {
                // not a governance event this view keeps
            }
        }
    }

    public Optional<KeyGrant> grantFor(String keyHash) {
        return Optional.ofNullable(grantsByKeyHash.get(keyHash));
    }

    /**
     * The enabled channels of a workspace that answer a public model name: an alias's target channels (each with
     * its upstream model name), otherwise the channels serving the model under that name.
     */
    public List<ChannelRoute> channelsServing(String workspaceId, String model) {
        return channels.serving(workspaceId, model);
    }

    /**
     * Every public model name of a workspace that some enabled channel answers (aliases included), sorted, with the
     * provider of its highest-priority channel.
     */
    public Map<String, ProviderType> modelsOf(String workspaceId) {
        Map<String, ProviderType> models = new TreeMap<>();
        channels.enabledOf(workspaceId).stream()
                .sorted(Comparator.comparingInt(ChannelRoute::priority).reversed())
                .forEach(route -> route.models().forEach(model -> models.putIfAbsent(model, route.provider())));
        channels.aliasesOf(workspaceId).forEach(alias -> {
            List<ChannelRoute> targets = channels.serving(workspaceId, alias);
            if (!targets.isEmpty()) {
                models.put(
                        alias,
                        targets.stream()
                                .max(Comparator.comparingInt(ChannelRoute::priority))
                                .orElseThrow()
                                .provider());
            }
        });
        return models;
    }
}
