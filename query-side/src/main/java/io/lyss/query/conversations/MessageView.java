package io.lyss.query.conversations;

/** One message (turn) of a conversation; {@code rating} is null when unrated; time in epoch seconds. */
public record MessageView(
        String id,
        String conversationId,
        String question,
        String answer,
        String model,
        String finishReason,
        String endUserId,
        String rating,
        String feedbackContent,
        long createdAt) {}
