package io.lyss.command.conversation.api;

import io.lyss.events.memory.EncryptedContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a conversation a new name: in plain text ({@code name}), or sealed under the subject's data key
 * ({@code sealedName}, then {@code name} is null).
 */
public record RenameConversation(
        @TargetAggregateIdentifier String conversationId,
        String workspaceId,
        String name,
        String endUserId,
        String keyId,
        EncryptedContent sealedName) {

    public RenameConversation(String conversationId, String workspaceId, String name) {
        this(conversationId, workspaceId, name, null, null, null);
    }
}
