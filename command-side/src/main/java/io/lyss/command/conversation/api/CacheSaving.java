package io.lyss.command.conversation.api;

/**
 * What a turn answered from the cache saved: the tokens and cost of the earlier turn whose answer it reused.
 *
 * @param kind {@code exact} or {@code semantic}
 */
public record CacheSaving(
        String kind,
        String sourceTurnId,
        double similarity,
        long savedPromptTokens,
        long savedCompletionTokens,
        long savedCostMicros) {}
