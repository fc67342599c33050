package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;

/**
 * A conversation was given a name (Dify {@code POST /conversations/{id}/name}).
 *
 * @param name the new name, as the client chose it
 */
public record ConversationRenamed(String conversationId, String workspaceId, String name) implements LyssEvent {}
