package io.lyss.orchestrator.cache;

import java.util.Optional;

/**
 * The port the workflow's cache node calls: an answer already paid for, for the same request (exact) or a
 * question close enough in meaning (semantic, only where the key or request opted in). When no implementation
 * is configured, the cache node is skipped. Implementations are projections of completed turns, so they can be
 * rebuilt from the log.
 */
public interface AnswerCache {

    /**
     * The request header by which a client steers the cache: {@code off} or {@code no-store} (neither read nor
     * stored), {@code semantic} (a question close enough in meaning may match).
     */
    String REQUEST_HEADER = "X-Lyss-Cache";

    /** The cached answer for this request, if any. Must be fast: it runs before every upstream call. */
    Optional<CachedAnswer> lookup(CacheLookup lookup);
}
