package io.lyss.orchestrator.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer cache as a projection of completed turns: exact entries keyed by workspace, model and request hash,
 * and a {@link SemanticIndex} of questions. Fed by {@link AnswerCacheFeed}; rebuilt by replaying the log.
 */
public final class ProjectedAnswerCache implements AnswerCache {

    private final Map<String, CachedAnswer> exact;
    private final SemanticIndex semantic;

    public ProjectedAnswerCache(int maxEntries, SemanticIndex semantic) {
        this.exact = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedAnswer> eldest) {
                return size() > maxEntries;
            }
        };
        this.semantic = semantic;
    }

    @Override
    public Optional<CachedAnswer> lookup(CacheLookup lookup) {
        String key = key(lookup.workspaceId(), lookup.model(), CanonicalRequest.hash(lookup.canonicalRequest()));
        CachedAnswer hit;
        synchronized (exact) {
            hit = exact.get(key);
        }
        if (hit != null) {
            return Optional.of(hit);
        }
        if (!lookup.semanticAllowed()
                || lookup.question() == null
                || lookup.question().isBlank()) {
            return Optional.empty();
        }
        return semantic.nearest(lookup.workspaceId(), lookup.model(), lookup.question());
    }

    /** Remembers a reusable answer (called by the feed, off the request path). */
    void remember(String workspaceId, String model, String requestHash, String question, CachedAnswer answer) {
        synchronized (exact) {
            exact.put(key(workspaceId, model, requestHash), answer);
        }
        semantic.add(workspaceId, model, question, answer);
    }

    private static String key(String workspaceId, String model, String requestHash) {
        return workspaceId + '\u0000' + model + '\u0000' + requestHash;
    }
}
