package io.lyss.command.ingest;

import io.lyss.command.personal.ConversationDataKeys;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.EncryptedContent;
import io.lyss.security.personal.ConversationContentCodec;
import org.springframework.stereotype.Component;

/**
 * Seals a reported turn's question and answer under the data key of its subject (the end user, or the key for a
 * turn without one), so they never reach the log in plain text and can be shredded (ADR 0026).
 */
@Component
class TurnSealer {

    private final ConversationDataKeys keys;

    TurnSealer(ConversationDataKeys keys) {
        this.keys = keys;
    }

    /** The sealed question and answer; null for a memory call, which records no turn. */
    EncryptedContent seal(TurnReport turn) {
        if ("memory".equals(turn.spendReason())) {
            return null;
        }
        String subject = TurnCompleted.subjectOf(turn.endUserId(), turn.keyId());
        ConversationDataKeys.DataKey key = keys.forSubject(turn.workspaceId(), subject);
        return ConversationContentCodec.seal(
                key.id(),
                key.key(),
                turn.turnId(),
                turn.workspaceId(),
                subject,
                new ConversationContentCodec.Plain(turn.question(), turn.answer()));
    }
}
