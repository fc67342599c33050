package io.lyss.events.conversation;

import io.lyss.events.LyssEvent;
import io.lyss.events.memory.EncryptedContent;

/**
 * A conversation was given a name (Dify {@code POST /conversations/{id}/name}).
 *
 * @param name the new name in plain text: revision 1 only (null from revision 2, see {@code sealedName})
 * @param endUserId from revision 2: the conversation's end user; null when it has none
 * @param keyId from revision 2: the key that renamed it
 * @param sealedName from revision 2: the name sealed under the data key of the subject ({@code user:<endUserId>},
 *     or {@code key:<keyId>} without an end user), like a turn's content (ADR 26)
 */
public record ConversationRenamed(
        String conversationId,
        String workspaceId,
        String name,
        String endUserId,
        String keyId,
        EncryptedContent sealedName)
        implements LyssEvent {

    /** A name in plain text (revision 1, and a read model's view once opened). */
    public ConversationRenamed(String conversationId, String workspaceId, String name) {
        this(conversationId, workspaceId, name, null, null, null);
    }

    /** Whose data key seals the name. */
    public String subject() {
        return TurnCompleted.subjectOf(endUserId, keyId);
    }
}
