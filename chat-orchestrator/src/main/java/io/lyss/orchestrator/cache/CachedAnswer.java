package io.lyss.orchestrator.cache;

/**
 * An answer found in the cache, with what it originally cost: a hit saves exactly that.
 *
 * @param kind {@code exact} or {@code semantic}
 * @param sourceTurnId the turn whose answer this is
 * @param similarity 1.0 for an exact hit; the cosine similarity for a semantic one
 */
public record CachedAnswer(
        String kind,
        String sourceTurnId,
        String answer,
        String finishReason,
        long promptTokens,
        long completionTokens,
        long costMicros,
        double similarity) {}
