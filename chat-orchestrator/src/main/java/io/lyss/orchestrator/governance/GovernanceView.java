package io.lyss.orchestrator.governance;

import io.lyss.events.LyssEvent;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ProviderType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys and channels of every workspace, held in memory so that authenticating a request costs a hash and a
 * map lookup, never a database round trip. A projection of governance events, fed by {@link GovernanceFeed}.
 */
public class GovernanceView {

    private final Map<String, KeyGrant> grantsByKeyHash = new ConcurrentHashMap<>();
    private final Map<String, String> keyHashByKeyId = new ConcurrentHashMap<>();
    private final Map<String, List<ChannelRoute>> channelsByWorkspace = new ConcurrentHashMap<>();

    /** Applies one governance event; other events are ignored. */
    public void apply(LyssEvent event) {
        switch (event) {
            case ApiKeyIssued issued -> {
                grantsByKeyHash.put(
                        issued.keyHash(),
                        new KeyGrant(issued.keyId(), issued.workspaceId(), Set.copyOf(issued.allowedModels())));
                keyHashByKeyId.put(issued.keyId(), issued.keyHash());
            }
            case ApiKeyRevoked revoked -> {
                String hash = keyHashByKeyId.remove(revoked.keyId());
                if (hash != null) {
                    grantsByKeyHash.remove(hash);
                }
            }
            case ChannelAdded added ->
                channelsByWorkspace.compute(added.workspaceId(), (workspace, channels) -> {
                    List<ChannelRoute> updated = channels == null ? new ArrayList<>() : new ArrayList<>(channels);
                    updated.removeIf(route -> route.channelId().equals(added.channelId()));
                    updated.add(new ChannelRoute(
                            added.channelId(),
                            added.workspaceId(),
                            added.provider(),
                            added.baseUrl(),
                            Set.copyOf(added.models()),
                            added.priority(),
                            added.weight(),
                            added.secret()));
                    return List.copyOf(updated);
                });
            default -> {
                // not a governance event this view keeps
            }
        }
    }

    public Optional<KeyGrant> grantFor(String keyHash) {
        return Optional.ofNullable(grantsByKeyHash.get(keyHash));
    }

    /** The enabled channels of a workspace that serve a model. */
    public List<ChannelRoute> channelsServing(String workspaceId, String model) {
        return channelsByWorkspace.getOrDefault(workspaceId, List.of()).stream()
                .filter(route -> route.models().contains(model))
                .toList();
    }

    /** Every model a workspace's channels serve, sorted, with the provider of its highest-priority channel. */
    public Map<String, ProviderType> modelsOf(String workspaceId) {
        Map<String, ProviderType> models = new TreeMap<>();
        channelsByWorkspace.getOrDefault(workspaceId, List.of()).stream()
                .sorted(Comparator.comparingInt(ChannelRoute::priority).reversed())
                .forEach(route -> route.models().forEach(model -> models.putIfAbsent(model, route.provider())));
        return models;
    }
}
