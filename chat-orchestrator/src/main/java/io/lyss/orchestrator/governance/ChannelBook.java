package io.lyss.orchestrator.governance;

import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.ChannelUpdated;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.ModelAliasRemoved;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels and aliases of each workspace, for {@link GovernanceView}. One writer (the feed's thread) replaces
 * immutable values; request threads read them without locks.
 */
final class ChannelBook {

    private record Entry(ChannelRoute route, boolean enabled) {}

    private final Map<String, Map<String, Entry>> byWorkspace = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<ModelAliasDefined.Target>>> aliases = new ConcurrentHashMap<>();

    void add(ChannelAdded added) {
        var route = new ChannelRoute(
                added.channelId(),
                added.workspaceId(),
                added.provider(),
                added.baseUrl(),
                Set.copyOf(added.models()),
                added.priority(),
                added.weight(),
                added.secret());
        channelsOf(added.workspaceId()).put(added.channelId(), new Entry(route, true));
    }

    void update(ChannelUpdated updated) {
        channelsOf(updated.workspaceId()).computeIfPresent(updated.channelId(), (id, entry) -> {
            ChannelRoute r = entry.route();
            return new Entry(
                    new ChannelRoute(
                            id,
                            r.workspaceId(),
                            r.provider(),
                            updated.baseUrl(),
                            Set.copyOf(updated.models()),
                            updated.priority(),
                            updated.weight(),
                            r.secret()),
                    entry.enabled());
        });
    }

    void enable(String workspaceId, String channelId, boolean enabled) {
        channelsOf(workspaceId).computeIfPresent(channelId, (id, entry) -> new Entry(entry.route(), enabled));
    }

    void rotateSecret(ChannelSecretRotated rotated) {
        channelsOf(rotated.workspaceId()).computeIfPresent(rotated.channelId(), (id, entry) -> {
            ChannelRoute r = entry.route();
            return new Entry(
                    new ChannelRoute(
                            id,
                            r.workspaceId(),
                            r.provider(),
                            r.baseUrl(),
                            r.models(),
                            r.priority(),
                            r.weight(),
                            rotated.secret()),
                    entry.enabled());
        });
    }

    void defineAlias(ModelAliasDefined defined) {
        aliases.computeIfAbsent(defined.workspaceId(), ws -> new ConcurrentHashMap<>())
                .put(defined.alias(), List.copyOf(defined.targets()));
    }

    void removeAlias(ModelAliasRemoved removed) {
        aliases.getOrDefault(removed.workspaceId(), Map.of()).remove(removed.alias());
    }

    List<ChannelRoute> enabledOf(String workspaceId) {
        return byWorkspace.getOrDefault(workspaceId, Map.of()).values().stream()
                .filter(Entry::enabled)
                .map(Entry::route)
                .toList();
    }

    Set<String> aliasesOf(String workspaceId) {
        return aliases.getOrDefault(workspaceId, Map.of()).keySet();
    }

    List<ChannelRoute> serving(String workspaceId, String model) {
        List<ModelAliasDefined.Target> targets =
                aliases.getOrDefault(workspaceId, Map.of()).get(model);
        Map<String, Entry> channels = byWorkspace.getOrDefault(workspaceId, Map.of());
        if (targets != null) {
            return targets.stream()
                    .filter(target -> channels.containsKey(target.channelId()))
                    .filter(target -> channels.get(target.channelId()).enabled())
                    .map(target -> channels.get(target.channelId()).route().via(target.upstreamModel()))
                    .toList();
        }
        return enabledOf(workspaceId).stream()
                .filter(route -> route.models().contains(model))
                .toList();
    }

    private Map<String, Entry> channelsOf(String workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, ws -> new ConcurrentHashMap<>());
    }
}
