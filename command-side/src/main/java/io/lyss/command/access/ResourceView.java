package io.lyss.command.access;

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
import io.lyss.events.governance.SealedSecret;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The virtual keys, channels and aliases of every workspace, as administrators list them (never a plain secret).
 * An in-memory projection kept by {@link AccessProjection}, like {@link AccessView}.
 */
public class ResourceView {

    /**
     * A virtual key, without its secret.
     *
     * @param semanticCache true when every request of the key may be answered from the semantic cache
     */
    public record KeyEntry(
            String keyId,
            String workspaceId,
            String name,
            String prefix,
            List<String> models,
            String ownerUserId,
            Instant expiresAt,
            boolean revoked,
            boolean semanticCache) {

        KeyEntry withSemanticCache(boolean semantic) {
            return new KeyEntry(keyId, workspaceId, name, prefix, models, ownerUserId, expiresAt, revoked, semantic);
        }
    }

    /** A channel, its secret sealed. */
    public record ChannelEntry(
            String channelId,
            String workspaceId,
            String name,
            ProviderType provider,
            String baseUrl,
            List<String> models,
            int priority,
            int weight,
            boolean enabled,
            SealedSecret secret) {}

    private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();
    private final Map<String, ChannelEntry> channels = new ConcurrentHashMap<>();
    private final Map<String, ModelAliasDefined> aliases = new ConcurrentHashMap<>();

    void apply(LyssEvent event) {
        switch (event) {
            case ApiKeyIssued k ->
                keys.put(
                        k.keyId(),
                        new KeyEntry(
                                k.keyId(),
                                k.workspaceId(),
                                k.name(),
                                k.keyPrefix(),
                                k.allowedModels(),
                                k.ownerUserId(),
                                k.expiresAt(),
                                false,
                                false));
            case ApiKeyRotated r ->
                keys.computeIfPresent(
                        r.keyId(),
                        (id, k) -> new KeyEntry(
                                id,
                                k.workspaceId(),
                                k.name(),
                                r.keyPrefix(),
                                k.models(),
                                k.ownerUserId(),
                                k.expiresAt(),
                                false,
                                k.semanticCache()));
            case ApiKeyModelsChanged m ->
                keys.computeIfPresent(
                        m.keyId(),
                        (id, k) -> new KeyEntry(
                                id,
                                k.workspaceId(),
                                k.name(),
                                k.prefix(),
                                m.allowedModels(),
                                k.ownerUserId(),
                                k.expiresAt(),
                                k.revoked(),
                                k.semanticCache()));
            case ApiKeyRevoked r ->
                keys.computeIfPresent(
                        r.keyId(),
                        (id, k) -> new KeyEntry(
                                id,
                                k.workspaceId(),
                                k.name(),
                                k.prefix(),
                                k.models(),
                                k.ownerUserId(),
                                k.expiresAt(),
                                true,
                                k.semanticCache()));
            case ApiKeySemanticCacheChanged c ->
                keys.computeIfPresent(c.keyId(), (id, k) -> k.withSemanticCache(c.semanticCache()));
            case ChannelAdded c ->
                channels.put(
                        c.channelId(),
                        new ChannelEntry(
                                c.channelId(),
                                c.workspaceId(),
                                c.name(),
                                c.provider(),
                                c.baseUrl(),
                                c.models(),
                                c.priority(),
                                c.weight(),
                                true,
                                c.secret()));
            case ChannelUpdated u ->
                channels.computeIfPresent(
                        u.channelId(),
                        (id, c) -> new ChannelEntry(
                                id,
                                c.workspaceId(),
                                c.name(),
                                c.provider(),
                                u.baseUrl(),
                                u.models(),
                                u.priority(),
                                u.weight(),
                                c.enabled(),
                                c.secret()));
            case ChannelDisabled d -> channels.computeIfPresent(d.channelId(), (id, c) -> enabled(c, false));
            case ChannelEnabled e -> channels.computeIfPresent(e.channelId(), (id, c) -> enabled(c, true));
            case ChannelSecretRotated s ->
                channels.computeIfPresent(
                        s.channelId(),
                        (id, c) -> new ChannelEntry(
                                id,
                                c.workspaceId(),
                                c.name(),
                                c.provider(),
                                c.baseUrl(),
                                c.models(),
                                c.priority(),
                                c.weight(),
                                c.enabled(),
                                s.secret()));
            case ModelAliasDefined a -> aliases.put(a.aliasId(), a);
            case ModelAliasRemoved r -> aliases.remove(r.aliasId());
            default -> {
                // not a resource
            }
        }
    }

    private static ChannelEntry enabled(ChannelEntry c, boolean enabled) {
        return new ChannelEntry(
                c.channelId(),
                c.workspaceId(),
                c.name(),
                c.provider(),
                c.baseUrl(),
                c.models(),
                c.priority(),
                c.weight(),
                enabled,
                c.secret());
    }

    public Optional<KeyEntry> key(String keyId, String workspaceId) {
        return Optional.ofNullable(keyId == null ? null : keys.get(keyId))
                .filter(key -> key.workspaceId().equals(workspaceId));
    }

    public List<KeyEntry> keysOf(String workspaceId) {
        return keys.values().stream()
                .filter(key -> key.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(KeyEntry::keyId))
                .toList();
    }

    public Optional<ChannelEntry> channel(String channelId, String workspaceId) {
        return Optional.ofNullable(channelId == null ? null : channels.get(channelId))
                .filter(channel -> channel.workspaceId().equals(workspaceId));
    }

    public List<ChannelEntry> channelsOf(String workspaceId) {
        return channels.values().stream()
                .filter(channel -> channel.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(ChannelEntry::channelId))
                .toList();
    }

    /** Every channel with a secret, for re-sealing after a master-key rotation. */
    public List<ChannelEntry> channelsWithSecrets() {
        return channels.values().stream()
                .filter(channel -> channel.secret() != null)
                .toList();
    }

    public List<ModelAliasDefined> aliasesOf(String workspaceId) {
        return aliases.values().stream()
                .filter(alias -> alias.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(ModelAliasDefined::alias))
                .toList();
    }
}
