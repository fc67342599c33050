package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;

/**
 * A conversation began.
 *
 * @param keyId the virtual key it runs under
 * @param api the client-facing API it came through, e.g. {@code openai}
 */
public record ConversationStarted(String conversationId, String workspaceId, String keyId, String api)
        implements LyssEvent {}
