package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;
import io.lyss.events.memory.EncryptedContent;

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
 * @param content from revision 4: the question and answer, encrypted under the data key of the turn's subject (its
 *     end user, or its key when it has none); {@code question} and {@code answer} are then null. Revisions before 4
 *     carry them in plain text and no content; a reader opens either (tolerant reading, no upcaster).
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
        String requestHash,
        EncryptedContent content)
        implements LyssEvent {

    /** A turn with its question and answer in plain text (as read models see it once opened). */
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
            String endUserId,
            String requestHash) {
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
                requestHash,
                null);
    }

    /** This turn with its question and answer in plain text and no encrypted content (null: shredded). */
    public TurnCompleted opened(String plainQuestion, String plainAnswer) {
        return new TurnCompleted(
                conversationId,
                turnId,
                workspaceId,
                keyId,
                model,
                channelId,
                plainQuestion,
                plainAnswer,
                finishReason,
                latencyMillis,
                firstTokenMillis,
                endUserId,
                requestHash,
                null);
    }

    /**
     * Whose data key seals the content: {@code user:<endUserId>}, or {@code key:<keyId>} for a turn without an end
     * user (so forgetting a user never touches another subject's turns, and anonymous turns are still encrypted).
     */
    public String subject() {
        return subjectOf(endUserId, keyId);
    }

    /** The subject of a turn of this end user (null or blank: none) made with this key. */
    public static String subjectOf(String endUserId, String keyId) {
        return endUserId == null || endUserId.isBlank() ? "key:" + keyId : "user:" + endUserId;
    }

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
