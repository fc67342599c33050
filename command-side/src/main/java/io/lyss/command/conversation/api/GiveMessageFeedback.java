package io.lyss.command.conversation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rate one answer of a conversation: {@code like}, {@code dislike}, or null to withdraw a rating. */
public record GiveMessageFeedback(
        @TargetAggregateIdentifier String conversationId,
        String workspaceId,
        String messageId,
        String rating,
        String content,
        String endUserId) {}
