package io.lyss.memory.api;

import io.lyss.events.EventCatalogue;
import io.lyss.events.EventTopics;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.memory.feed.FedEvent;
import io.lyss.memory.feed.Projection;
import io.lyss.security.keys.VirtualKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which virtual key belongs to which workspace, kept in memory from the key events (the same source as the
 * orchestrator's key view), so the memory API authenticates a key with a hash and a map lookup. Every instance
 * replays the key events from the start of the governance topic; it stores no checkpoint.
 */
public final class ApiKeyDirectory implements Projection {

    /** A recognised key. */
    public record Caller(String keyId, String workspaceId) {}

    private final Map<String, Caller> byHash = new ConcurrentHashMap<>();
    private final Map<String, String> hashById = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "api-keys";
    }

    @Override
    public String topic() {
        return EventTopics.GOVERNANCE;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventCatalogue.nameOf(ApiKeyIssued.class), EventCatalogue.nameOf(ApiKeyRevoked.class));
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return Map.of();
    }

    @Override
    public void apply(List<FedEvent> events, Map<Integer, Long> nextOffsets) {
        for (FedEvent event : events) {
            switch (event.payload()) {
                case ApiKeyIssued issued -> {
                    byHash.put(issued.keyHash(), new Caller(issued.keyId(), issued.workspaceId()));
                    hashById.put(issued.keyId(), issued.keyHash());
                }
                case ApiKeyRevoked revoked -> {
                    String hash = hashById.remove(revoked.keyId());
                    if (hash != null) {
                        byHash.remove(hash);
                    }
                }
                default -> {}
            }
        }
    }

    /** The caller presenting this key ({@code Token <key>} as Mem0 clients send, or {@code Bearer <key>}). */
    public Optional<Caller> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String presented =
                authorization.replaceFirst("(?i)^(Token|Bearer)\\s+", "").strip();
        if (!presented.startsWith(VirtualKeys.KEY_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(VirtualKeys.hash(presented)));
    }
}
