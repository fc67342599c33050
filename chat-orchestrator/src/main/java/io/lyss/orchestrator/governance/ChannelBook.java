package io.lyss.orchestrator.governance;

import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.ChannelUpdated;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.ModelAliasRemoved;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The channels and aliases of each workspace, for {@link GovernanceView}. One writer (the feed's thread) replaces
 * immutable values; request threads read them without locks. The routes answering each public model name are worked
 * out when a workspace's channels or aliases change, not per request: a request looks its model up in one map
 * (filtering every channel of the workspace per request took 2% of the request threads, docs/benchmarks.md, stop 20).
 */
final class ChannelBook {

    private record Entry(ChannelRoute route, boolean enabled) {}

    private final Map<String, Map<String, Entry>> byWorkspace = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<ModelAliasDefined.Target>>> aliases = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<ChannelRoute>>> routesByModel = new ConcurrentHashMap<>();

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
        rebuildRoutes(added.workspaceId());
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
        rebuildRoutes(updated.workspaceId());
    }

    void enable(String workspaceId, String channelId, boolean enabled) {
        channelsOf(workspaceId).computeIfPresent(channelId, (id, entry) -> new Entry(entry.route(), enabled));
        rebuildRoutes(workspaceId);
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
        rebuildRoutes(rotated.workspaceId());
    }

    void defineAlias(ModelAliasDefined defined) {
        aliases.computeIfAbsent(defined.workspaceId(), ws -> new ConcurrentHashMap<>())
                .put(defined.alias(), List.copyOf(defined.targets()));
        rebuildRoutes(defined.workspaceId());
    }

    void removeAlias(ModelAliasRemoved removed) {
        aliases.getOrDefault(removed.workspaceId(), Map.of()).remove(removed.alias());
        rebuildRoutes(removed.workspaceId());
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

    /**
     * The enabled channels answering a public model name: an alias's target channels (each with its upstream model
     * name, in the alias's order), otherwise the channels serving the model under that name.
     */
    List<ChannelRoute> serving(String workspaceId, String model) {
        return routesByModel.getOrDefault(workspaceId, Map.of()).getOrDefault(model, List.of());
    }

    private void rebuildRoutes(String workspaceId) {
        Map<String, Entry> channels = byWorkspace.getOrDefault(workspaceId, Map.of());
        Map<String, List<ChannelRoute>> routes = new HashMap<>();
        for (ChannelRoute route : enabledOf(workspaceId)) {
            route.models().forEach(model -> routes.computeIfAbsent(model, m -> new ArrayList<>())
                    .add(route));
        }
        aliases.getOrDefault(workspaceId, Map.of())
                .forEach((alias, targets) -> routes.put(
                        alias,
                        targets.stream()
                                .filter(target -> channels.containsKey(target.channelId()))
                                .filter(target ->
                                        channels.get(target.channelId()).enabled())
                                .map(target ->
                                        channels.get(target.channelId()).route().via(target.upstreamModel()))
                                .toList()));
        routesByModel.put(
                workspaceId,
                routes.entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
    }

    private Map<String, Entry> channelsOf(String workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, ws -> new ConcurrentHashMap<>());
    }
}
