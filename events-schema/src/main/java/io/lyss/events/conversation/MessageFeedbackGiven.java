package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;

/**
 * An end user rated one answer (Dify {@code POST /messages/{id}/feedbacks}).
 *
 * @param messageId the turn that was rated
 * @param rating {@code like}, {@code dislike}, or null when an earlier rating was withdrawn
 * @param content the user's comment; null when none
 * @param endUserId the end user who gave it; null when the client named none
 */
public record MessageFeedbackGiven(
        String conversationId, String messageId, String workspaceId, String rating, String content, String endUserId)
        implements LyssEvent {}
