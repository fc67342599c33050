package io.lyss.command.conversation.api;

import io.lyss.events.memory.EncryptedContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rate one answer of a conversation: {@code like}, {@code dislike}, or null to withdraw a rating. A comment comes in
 * plain text ({@code content}) or sealed under the subject's data key ({@code sealedContent}).
 */
public record GiveMessageFeedback(
        @TargetAggregateIdentifier String conversationId,
        String workspaceId,
        String messageId,
        String rating,
        String content,
        String endUserId,
        String keyId,
        EncryptedContent sealedContent) {

    /** A rating with its comment in plain text. */
    public GiveMessageFeedback(
            String conversationId,
            String workspaceId,
            String messageId,
            String rating,
            String content,
            String endUserId) {
        this(conversationId, workspaceId, messageId, rating, content, endUserId, null, null);
    }
}
