package io.lyss.orchestrator.recording;

/**
 * What one embeddings request spent, as reported to the command side ({@code POST /internal/v1/embedding-spends}),
 * where it becomes a {@code TokensSpent} with reason {@code EMBEDDING}.
 *
 * @param estimated true when the provider reported no usage and the tokens were counted with Lyss's tokenizer
 */
public record EmbeddingSpend(
        String requestId,
        String workspaceId,
        String keyId,
        String model,
        String channelId,
        long promptTokens,
        long costMicros,
        String priceVersion,
        boolean estimated) {}
