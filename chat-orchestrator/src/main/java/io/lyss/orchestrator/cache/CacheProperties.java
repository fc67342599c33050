package io.lyss.orchestrator.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The answer cache.
 *
 * @param enabled false turns the cache off entirely (no lookups, no projection)
 * @param semantic false keeps the cache exact only (no embeddings are computed)
 * @param semanticThreshold the cosine similarity from which a semantic match counts as a hit
 * @param maxEntries answers kept per kind (exact, semantic); the oldest go first
 */
@ConfigurationProperties("lyss.orchestrator.cache")
public record CacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean semantic,
        @DefaultValue("0.92") double semanticThreshold,
        @DefaultValue("20000") int maxEntries) {}
