package io.lyss.orchestrator.dify;

import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.governance.KeyGrant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conversations of a key: the read model, with this instance's recent changes laid over it (see
 * {@link RecentConversations}), and changes sent to the command side.
 */
class Conversations {

    private final ConversationDirectory directory;
    private final ConversationChanges changes;
    private final RecentConversations recent;

    Conversations(ConversationDirectory directory, ConversationChanges changes, RecentConversations recent) {
        this.directory = directory;
        this.changes = changes;
        this.recent = recent;
    }

    /** The conversation, if it exists for this key and end user. */
    Optional<StoredConversation> find(KeyGrant grant, String conversationId, String user) {
        if (!DifyIds.wellFormed(conversationId) || recent.isDeleted(grant.keyId(), conversationId)) {
            return Optional.empty();
        }
        Optional<StoredConversation> local = recent.conversation(grant.keyId(), conversationId);
        Optional<StoredConversation> found = local.isPresent() ? local : directory.conversation(grant, conversationId);
        return found.filter(conversation -> conversation.visibleTo(user));
    }

    StoredConversation require(KeyGrant grant, String conversationId, String user) {
        return find(grant, conversationId, user).orElseThrow(DifyError::conversationNotFound);
    }

    /** The last {@code limit} messages (or those before {@code firstId}), in the order they were exchanged. */
    ConversationDirectory.Page<StoredMessage> messages(
            KeyGrant grant, String conversationId, String firstId, int limit) {
        var stored = directory.messages(grant, conversationId, firstId, limit);
        if (firstId != null) {
            return stored;
        }
        Map<String, StoredMessage> merged = new LinkedHashMap<>();
        stored.data().forEach(message -> merged.put(message.id(), message));
        recent.messages(grant.keyId(), conversationId).forEach(message -> merged.putIfAbsent(message.id(), message));
        List<StoredMessage> all = new ArrayList<>(merged.values());
        boolean hasMore = stored.hasMore() || all.size() > limit;
        return new ConversationDirectory.Page<>(all.subList(Math.max(0, all.size() - limit), all.size()), hasMore);
    }

    /** The last {@code turns} questions and answers as prompt messages, oldest first. */
    List<PromptMessage> earlierTurns(KeyGrant grant, String conversationId, int turns) {
        List<PromptMessage> prompt = new ArrayList<>();
        messages(grant, conversationId, null, turns).data().forEach(earlier -> {
            prompt.add(new PromptMessage("user", earlier.question()));
            prompt.add(new PromptMessage("assistant", earlier.answer()));
        });
        return prompt;
    }

    /** A page of the key's conversations; the first page also shows those this instance just started. */
    ConversationDirectory.Page<StoredConversation> list(
            KeyGrant grant, String user, String lastId, int limit, String sortBy) {
        var stored = directory.conversations(grant, user, lastId, limit, sortBy);
        Map<String, StoredConversation> merged = new LinkedHashMap<>();
        if (lastId == null) {
            recent.conversations(grant.keyId()).stream()
                    .filter(conversation ->
                            conversation.visibleTo(user) && (user == null || user.equals(conversation.endUserId())))
                    .forEach(conversation -> merged.put(conversation.id(), conversation));
        }
        stored.data().forEach(conversation -> merged.putIfAbsent(conversation.id(), conversation));
        Set<String> deleted = merged.keySet().stream()
                .filter(id -> recent.isDeleted(grant.keyId(), id))
                .collect(Collectors.toSet());
        List<StoredConversation> page = merged.values().stream()
                .filter(conversation -> !deleted.contains(conversation.id()))
                .sorted(order(sortBy))
                .limit(limit)
                .toList();
        return new ConversationDirectory.Page<>(page, stored.hasMore() || merged.size() - deleted.size() > limit);
    }

    StoredConversation rename(KeyGrant grant, StoredConversation conversation, String name) {
        changes.rename(grant, conversation.id(), name, conversation.endUserId());
        recent.renamed(grant.keyId(), conversation, name);
        return conversation.renamed(name);
    }

    void delete(KeyGrant grant, StoredConversation conversation) {
        changes.delete(grant, conversation.id());
        recent.deleted(grant.keyId(), conversation.id());
    }

    void feedback(KeyGrant grant, String messageId, String rating, String content, String user) {
        if (!DifyIds.wellFormed(messageId)) {
            throw DifyError.messageNotFound();
        }
        String conversationId = recent.conversationOf(grant.keyId(), messageId)
                .or(() -> directory.message(grant, messageId).map(StoredMessage::conversationId))
                .orElseThrow(DifyError::messageNotFound);
        changes.feedback(grant, conversationId, messageId, rating, content, user);
    }

    private static Comparator<StoredConversation> order(String sortBy) {
        Comparator<StoredConversation> byTime = sortBy.endsWith("created_at")
                ? Comparator.comparingLong(StoredConversation::createdAt)
                : Comparator.comparingLong(StoredConversation::updatedAt);
        return sortBy.startsWith("-") ? byTime.reversed() : byTime;
    }
}
