package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;

/** A conversation was deleted by its client: it no longer appears in lists and takes no further turns. */
public record ConversationDeleted(String conversationId, String workspaceId) implements LyssEvent {}
