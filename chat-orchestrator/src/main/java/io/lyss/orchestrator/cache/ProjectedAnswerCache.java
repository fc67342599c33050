package io.lyss.orchestrator.cache;

import io.lyss.events.conversation.TurnCompleted;
import io.lyss.orchestrator.erasure.ErasedUsers;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The answer cache as a projection of completed turns: exact entries keyed by workspace, model and request hash,
 * and a {@link SemanticIndex} of questions. Fed by {@link AnswerCacheFeed}; rebuilt by replaying the log. Lookups
 * take no lock: the feed that writes runs at nice 19, and a lock it held while preempted would hold every request
 * (ADR 0049). The feed alone adds and evicts (the oldest first); forgetting a user may run beside it.
 */
public final class ProjectedAnswerCache implements AnswerCache, ErasedUsers {

    /**
     * An answer and whose turn it came from ({@code workspace\0subject}), so forgetting a user drops it; {@code
     * number} tells it from an earlier answer stored under the same key.
     */
    private record Stored(CachedAnswer answer, String owner, long number) {}

    private record Added(String key, Stored stored) {}

    private final Map<String, Stored> exact = new ConcurrentHashMap<>();
    private final Queue<Added> oldestFirst = new ConcurrentLinkedQueue<>();
    private final SemanticIndex semantic;
    private final int capacity;
    private long added; // the feed's alone, as is queued
    private int queued;

    public ProjectedAnswerCache(int maxEntries, SemanticIndex semantic) {
        this.capacity = maxEntries;
        this.semantic = semantic;
    }

    /** How many exact answers it keeps: the newest. */
    int capacity() {
        return capacity;
    }

    @Override
    public Optional<CachedAnswer> lookup(CacheLookup lookup) {
        String key = key(lookup.workspaceId(), lookup.model(), CanonicalRequest.hash(lookup.canonicalRequest()));
        Stored hit = exact.get(key);
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
        String key = key(workspaceId, model, requestHash);
        var stored = new Stored(answer, owner, added++);
        exact.put(key, stored);
        oldestFirst.add(new Added(key, stored));
        queued++;
        while (exact.size() > capacity && queued > 0) {
            Added oldest = oldestFirst.poll();
            queued--;
            exact.remove(oldest.key(), oldest.stored()); // unless forgotten or answered again since
        }
        if (queued > 2 * capacity) { // many forgotten or replaced: drop their places in line
            oldestFirst.removeIf(entry -> exact.get(entry.key()) != entry.stored());
            queued = oldestFirst.size();
        }
    }

    /** Drops every answer that came from the user's turns: it is never served again. */
    @Override
    public void forget(String workspaceId, String endUserId) {
        String owner = owner(workspaceId, TurnCompleted.subjectOf(endUserId, null));
        exact.values().removeIf(stored -> owner.equals(stored.owner()));
        semantic.forget(owner);
    }

    private static String owner(String workspaceId, String subject) {
        return workspaceId + '\u0000' + subject;
    }

    private static String key(String workspaceId, String model, String requestHash) {
        return workspaceId + '\u0000' + model + '\u0000' + requestHash;
    }
}
