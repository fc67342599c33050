package io.lyss.orchestrator.dify;

import io.lyss.orchestrator.erasure.ErasedUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What this instance changed in the last few minutes and the read model may not show yet (it follows the log a
 * moment behind): conversations it started, turns it served, names it set, deletions. Merged over the read model
 * so that a client reads its own writes on the same instance. Bounded and short-lived: after {@link #TTL_SECONDS}
 * the read model is the only source. Keyed by key id and conversation id.
 */
final class RecentConversations implements ErasedUsers {

    static final long TTL_SECONDS = 300;
    private static final int MAX_CONVERSATIONS = 10_000;

    private static final class Recent {
        StoredConversation conversation;
        boolean deleted;
        final List<StoredMessage> messages = new ArrayList<>();
        long touchedAt;
    }

    private final LongSupplier clock;
    private final Map<String, Recent> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };

    RecentConversations(LongSupplier epochSecondsClock) {
        this.clock = epochSecondsClock;
    }

    synchronized void served(String keyId, StoredConversation conversation, StoredMessage message) {
        Recent entry = entries.computeIfAbsent(keyId + "/" + conversation.id(), id -> new Recent());
        StoredConversation known = entry.conversation == null ? conversation : entry.conversation;
        entry.conversation = new StoredConversation(
                known.id(), known.endUserId(), known.name(), known.createdAt(), conversation.updatedAt());
        entry.messages.add(message);
        entry.touchedAt = clock.getAsLong();
    }

    synchronized void renamed(String keyId, StoredConversation conversation, String name) {
        Recent entry = entries.computeIfAbsent(keyId + "/" + conversation.id(), id -> new Recent());
        entry.conversation = conversation.renamed(name);
        entry.touchedAt = clock.getAsLong();
    }

    synchronized void deleted(String keyId, String conversationId) {
        Recent entry = entries.computeIfAbsent(keyId + "/" + conversationId, id -> new Recent());
        entry.deleted = true;
        entry.touchedAt = clock.getAsLong();
    }

    synchronized boolean isDeleted(String keyId, String conversationId) {
        return live(keyId, conversationId).map(entry -> entry.deleted).orElse(false);
    }

    synchronized Optional<StoredConversation> conversation(String keyId, String conversationId) {
        return live(keyId, conversationId)
                .filter(entry -> !entry.deleted && entry.conversation != null)
                .map(entry -> entry.conversation);
    }

    synchronized List<StoredMessage> messages(String keyId, String conversationId) {
        return live(keyId, conversationId)
                .map(entry -> List.copyOf(entry.messages))
                .orElse(List.of());
    }

    /** Live conversations of a key, most recently touched first. */
    synchronized List<StoredConversation> conversations(String keyId) {
        List<StoredConversation> found = new ArrayList<>();
        entries.forEach((id, entry) -> {
            if (id.startsWith(keyId + "/") && fresh(entry) && !entry.deleted && entry.conversation != null) {
                found.addFirst(entry.conversation);
            }
        });
        return found;
    }

    synchronized Optional<String> conversationOf(String keyId, String messageId) {
        for (Map.Entry<String, Recent> entry : entries.entrySet()) {
            if (entry.getKey().startsWith(keyId + "/") && fresh(entry.getValue())) {
                for (StoredMessage message : entry.getValue().messages) {
                    if (message.id().equals(messageId)) {
                        return Optional.of(message.conversationId());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Drops the conversations of a forgotten end user. Entries are keyed by key, not workspace, so the same user
     * name in another workspace is dropped too: harmless, the read model still has theirs.
     */
    @Override
    public synchronized void forget(String workspaceId, String endUserId) {
        entries.values()
                .removeIf(entry -> entry.conversation != null && endUserId.equals(entry.conversation.endUserId()));
    }

    private Optional<Recent> live(String keyId, String conversationId) {
        Recent entry = entries.get(keyId + "/" + conversationId);
        return entry != null && fresh(entry) ? Optional.of(entry) : Optional.empty();
    }

    private boolean fresh(Recent entry) {
        return clock.getAsLong() - entry.touchedAt <= TTL_SECONDS;
    }
}
