package io.lyss.orchestrator.cache;

import io.lyss.events.conversation.TurnCompleted;
import io.lyss.orchestrator.erasure.ErasedUsers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer cache as a projection of completed turns: exact entries keyed by workspace, model and request hash,
 * and a {@link SemanticIndex} of questions. Fed by {@link AnswerCacheFeed}; rebuilt by replaying the log.
 */
public final class ProjectedAnswerCache implements AnswerCache, ErasedUsers {

    /** An answer and whose turn it came from ({@code workspace\0subject}), so forgetting a user drops it. */
    private record Stored(CachedAnswer answer, String owner) {}

    private final Map<String, Stored> exact;
    private final SemanticIndex semantic;
    private final int capacity;

    public ProjectedAnswerCache(int maxEntries, SemanticIndex semantic) {
        this.capacity = maxEntries;
        this.exact = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                return size() > maxEntries;
            }
        };
        this.semantic = semantic;
    }

    /** How many exact answers it keeps: the newest. */
    int capacity() {
        return capacity;
    }

    @Override
    public Optional<CachedAnswer> lookup(CacheLookup lookup) {
        String key = key(lookup.workspaceId(), lookup.model(), CanonicalRequest.hash(lookup.canonicalRequest()));
        Stored hit;
        synchronized (exact) {
            hit = exact.get(key);
        }
        if (hit != null) {
            return Optional.of(hit.answer());
        }
        if (!lookup.semanticAllowed()
                || lookup.question() == null
                || lookup.question().isBlank()) {
            return Optional.empty();
        }
        return semantic.nearest(lookup.workspaceId(), lookup.model(), lookup.question());
    }

    /**
     * Remembers a reusable answer (called by the feed, off the request path). The semantic entry goes in first (its
     * embedding takes the time): once the exact request is answered from the cache, so is a similar one.
     */
    void remember(
            String workspaceId,
            String model,
            String requestHash,
            String question,
            CachedAnswer answer,
            String subject) {
        String owner = owner(workspaceId, subject);
        semantic.add(workspaceId, model, question, answer, owner);
        synchronized (exact) {
            exact.put(key(workspaceId, model, requestHash), new Stored(answer, owner));
        }
    }

    /** Drops every answer that came from the user's turns: it is never served again. */
    @Override
    public void forget(String workspaceId, String endUserId) {
        String owner = owner(workspaceId, TurnCompleted.subjectOf(endUserId, null));
        synchronized (exact) {
            exact.values().removeIf(stored -> owner.equals(stored.owner()));
        }
        semantic.forget(owner);
    }

    private static String owner(String workspaceId, String subject) {
        return workspaceId + '\u0000' + subject;
    }

    private static String key(String workspaceId, String model, String requestHash) {
        return workspaceId + '\u0000' + model + '\u0000' + requestHash;
    }
}
