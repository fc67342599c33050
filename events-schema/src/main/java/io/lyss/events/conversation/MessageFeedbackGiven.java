package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;
import io.lyss.events.memory.EncryptedContent;

/**
 * An end user rated one answer (Dify {@code POST /messages/{id}/feedbacks}).
 *
 * @param messageId the turn that was rated
 * @param rating {@code like}, {@code dislike}, or null when an earlier rating was withdrawn
 * @param content the user's comment in plain text: revision 1 only (null from revision 2, see
 *     {@code sealedContent}); null when none
 * @param endUserId the end user who gave it; null when the client named none
 * @param keyId from revision 2: the key it came through
 * @param sealedContent from revision 2: the comment sealed under the data key of the subject (ADR 26); null when
 *     there is no comment
 */
public record MessageFeedbackGiven(
        String conversationId,
        String messageId,
        String workspaceId,
        String rating,
        String content,
        String endUserId,
        String keyId,
        EncryptedContent sealedContent)
        implements LyssEvent {

    /** A comment in plain text (revision 1, and a read model's view once opened). */
    public MessageFeedbackGiven(
            String conversationId,
            String messageId,
            String workspaceId,
            String rating,
            String content,
            String endUserId) {
        this(conversationId, messageId, workspaceId, rating, content, endUserId, null, null);
    }

    /** Whose data key seals the comment. */
    public String subject() {
        return TurnCompleted.subjectOf(endUserId, keyId);
    }
}
