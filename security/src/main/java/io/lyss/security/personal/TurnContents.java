package io.lyss.security.personal;

import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.UserForgotten;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Opens the question and answer of a {@code TurnCompleted} for a read model: a revision-4 turn is decrypted with its
 * subject's data key; once that key was destroyed (or the ciphertext does not open) there is nothing to open and
 * read models keep nothing of the turn, whatever order partitions are replayed in; an older revision's plain text
 * is returned as it is.
 */
public final class TurnContents {

    private final DataKeyDirectory keys;

    /** @param keys null: no key can be fetched, so sealed content reads as shredded (plain revisions still open) */
    public TurnContents(DataKeyDirectory keys) {
        this.keys = keys;
    }

    /** Opens plain (pre-revision-4) turns only. */
    public static TurnContents plainOnly() {
        return new TurnContents(null);
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
            TurnContentCodec.Plain plain = TurnContentCodec.open(key.get(), turn);
            return Optional.of(turn.opened(plain.question(), plain.answer()));
        } catch (IllegalStateException e) {
            return Optional.empty(); // altered or moved ciphertext: unreadable, like shredded
        }
    }

    /** Remembers that the forgotten user's keys are gone (a cached copy must not open their content again). */
    public void forgotten(UserForgotten event) {
        if (keys != null && event.dataKeyIds() != null) {
            keys.destroyed(event.dataKeyIds());
        }
    }
}
