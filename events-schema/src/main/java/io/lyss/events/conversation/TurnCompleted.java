package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;

/**
 * One question and its answer, however the request ended.
 *
 * @param finishReason the upstream's reason ({@code stop}, {@code length}...), or {@code error} / {@code aborted}
 * @param latencyMillis from receiving the request to the last byte of the answer
 * @param firstTokenMillis from receiving the request to the first answer token; -1 when none came
 * @param endUserId the end user the client named (OpenAI {@code user}, Dify {@code user}); null when none
 * @param requestHash SHA-256 (hex) of the request in canonical form, scoped by workspace and model: the exact-cache
 *     key. Null when the answer must not be reused (tool calls, several choices, a cached answer, no-store), and in
 *     revisions before 3.
 */
public record TurnCompleted(
        String conversationId,
        String turnId,
        String workspaceId,
        String keyId,
        String model,
        String channelId,
        String question,
        String answer,
        String finishReason,
        long latencyMillis,
        long firstTokenMillis,
        String endUserId,
        String requestHash)
        implements LyssEvent {

    /** A turn whose answer is not to be reused. */
    public TurnCompleted(
            String conversationId,
            String turnId,
            String workspaceId,
            String keyId,
            String model,
            String channelId,
            String question,
            String answer,
            String finishReason,
            long latencyMillis,
            long firstTokenMillis,
            String endUserId) {
        this(
                conversationId,
                turnId,
                workspaceId,
                keyId,
                model,
                channelId,
                question,
                answer,
                finishReason,
                latencyMillis,
                firstTokenMillis,
                endUserId,
                null);
    }
}
