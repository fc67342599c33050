package io.lyss.orchestrator.chat;

/**
 * How an upstream call ended.
 *
 * @param finishReason OpenAI's finish reason, or {@code aborted} (client left) / {@code error} (failed mid-answer)
 * @param firstTokenNanos {@link System#nanoTime()} of the first answer token, or -1
 */
public record UpstreamOutcome(
        String channelId, String answer, String finishReason, TokenCounts usage, long firstTokenNanos) {}
