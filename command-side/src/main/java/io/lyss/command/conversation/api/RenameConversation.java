package io.lyss.command.conversation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a conversation a new name. */
public record RenameConversation(@TargetAggregateIdentifier String conversationId, String workspaceId, String name) {}
