package io.lyss.security.personal;

import io.lyss.events.conversation.ConversationRenamed;
import io.lyss.events.conversation.MessageFeedbackGiven;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.EncryptedContent;
import io.lyss.events.memory.UserForgotten;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Opens the personal content of conversation events for a read model (the question and answer of a
 * {@code TurnCompleted}, the name of a {@code ConversationRenamed}, the comment of a {@code MessageFeedbackGiven}): a revision-4 turn is decrypted with its
 * subject's data key; once that key was destroyed (or the ciphertext does not open) there is nothing to open and
 * read models keep nothing of the turn, whatever order partitions are replayed in; an older revision's plain text
 * is returned as it is.
 */
public final class ConversationContents {

    private final DataKeyDirectory keys;

    /** @param keys null: no key can be fetched, so sealed content reads as shredded (plain revisions still open) */
    public ConversationContents(DataKeyDirectory keys) {
        this.keys = keys;
    }

    /** Opens plain (pre-revision-4) turns only. */
    public static ConversationContents plainOnly() {
        return new ConversationContents(null);
    }

    /** The turn in plain text; empty when its content was shredded. */
    public Optional<TurnCompleted> open(TurnCompleted turn) {
        if (turn.content() == null) {
            return Optional.of(turn);
        }
        Optional<SecretKey> key =
                keys == null ? Optional.empty() : keys.byId(turn.content().dataKeyId());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            ConversationContentCodec.Plain plain = ConversationContentCodec.open(key.get(), turn);
            return Optional.of(turn.opened(plain.question(), plain.answer()));
        } catch (IllegalStateException e) {
            return Optional.empty(); // altered or moved ciphertext: unreadable, like shredded
        }
    }

    /** The rename with its name in plain text; empty when the name was shredded. */
    public Optional<ConversationRenamed> open(ConversationRenamed renamed) {
        if (renamed.sealedName() == null) {
            return Optional.of(renamed);
        }
        return text(renamed.sealedName(), "name", renamed.conversationId(), renamed.workspaceId(), renamed.subject())
                .map(name -> new ConversationRenamed(renamed.conversationId(), renamed.workspaceId(), name));
    }

    /** The feedback with its comment in plain text; empty when the comment was shredded. */
    public Optional<MessageFeedbackGiven> open(MessageFeedbackGiven feedback) {
        if (feedback.sealedContent() == null) {
            return Optional.of(feedback);
        }
        return text(
                        feedback.sealedContent(),
                        "feedback",
                        feedback.messageId(),
                        feedback.workspaceId(),
                        feedback.subject())
                .map(comment -> new MessageFeedbackGiven(
                        feedback.conversationId(),
                        feedback.messageId(),
                        feedback.workspaceId(),
                        feedback.rating(),
                        comment,
                        feedback.endUserId()));
    }

    private Optional<String> text(
            EncryptedContent content, String kind, String recordId, String workspaceId, String subject) {
        Optional<SecretKey> key = keys == null ? Optional.empty() : keys.byId(content.dataKeyId());
        try {
            return key.map(k -> ConversationContentCodec.openText(k, content, kind, recordId, workspaceId, subject));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Remembers that the forgotten user's keys are gone (a cached copy must not open their content again). */
    public void forgotten(UserForgotten event) {
        if (keys != null && event.dataKeyIds() != null) {
            keys.destroyed(event.dataKeyIds());
        }
    }
}
