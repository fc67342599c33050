package io.lyss.orchestrator.recording;

/** What a turn answered from the cache saved; recorded as {@code CacheHit} instead of a spend. */
public record CacheSaving(
        String kind,
        String sourceTurnId,
        double similarity,
        long savedPromptTokens,
        long savedCompletionTokens,
        long savedCostMicros) {}
