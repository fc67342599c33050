package io.lyss.command.conversation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a conversation: it disappears from lists and takes no further turns. */
public record DeleteConversation(@TargetAggregateIdentifier String conversationId, String workspaceId) {}
