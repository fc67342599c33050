package io.lyss.memory.memories;

import io.lyss.events.EventCatalogue;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.UserForgotten;
import io.lyss.memory.crypto.DataKeyUnavailableException;
import io.lyss.memory.extraction.Message;
import io.lyss.memory.feed.Checkpoints;
import io.lyss.memory.feed.FedEvent;
import io.lyss.memory.feed.Projection;
import io.lyss.memory.index.HistoryStore;
import io.lyss.memory.index.Scope;
import io.lyss.security.personal.ConversationContents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mines completed turns for memories about their end user (turns without one are skipped, as are turns from
 * before the user was forgotten). New memory ids derive from the turn's event id, so a re-delivered turn adds
 * nothing twice. The question and answer are opened with the end user's data key (ADR 0026); a shredded turn
 * has none and is skipped. The checkpoint moves once the batch's changes are recorded.
 */
public final class TurnMemories implements Projection {

    public static final String NAME = "turn-memories";
    private static final Logger LOG = LoggerFactory.getLogger(TurnMemories.class);

    private final Remembering remembering;
    private final HistoryStore history;
    private final Checkpoints checkpoints;
    private final ConversationContents contents;

    public TurnMemories(
            Remembering remembering, HistoryStore history, Checkpoints checkpoints, ConversationContents contents) {
        this.remembering = remembering;
        this.history = history;
        this.checkpoints = checkpoints;
        this.contents = contents;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventCatalogue.nameOf(TurnCompleted.class), EventCatalogue.nameOf(UserForgotten.class));
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return checkpoints.load(NAME);
    }

    @Override
    public void apply(List<FedEvent> events, Map<Integer, Long> nextOffsets) {
        for (FedEvent event : events) {
            if (event.payload() instanceof UserForgotten forgotten) {
                contents.forgotten(forgotten);
                continue;
            }
            TurnCompleted sealed = (TurnCompleted) event.payload();
            if (sealed.endUserId() == null || sealed.endUserId().isBlank()) {
                continue;
            }
            TurnCompleted turn = contents.open(sealed).orElse(null);
            if (turn == null || !minable(turn, event.envelope().occurredAt())) {
                continue;
            }
            try {
                remembering.add(
                        new Scope(turn.workspaceId(), turn.endUserId(), null, null),
                        List.of(
                                new Message("user", turn.question()),
                                new Message("assistant", turn.answer() == null ? "" : turn.answer())),
                        Map.of(),
                        true,
                        null,
                        turn.turnId(),
                        event.envelope().eventId());
            } catch (DataKeyUnavailableException e) {
                LOG.warn("Turn {} skipped: {}", turn.turnId(), e.getMessage());
            }
        }
        checkpoints.save(NAME, nextOffsets);
    }

    private boolean minable(TurnCompleted turn, Instant occurredAt) {
        if (turn.endUserId() == null || turn.endUserId().isBlank()) {
            return false;
        }
        if (turn.question() == null || turn.question().isBlank()) {
            return false;
        }
        Optional<Instant> forgotten = history.forgottenAt(turn.workspaceId(), turn.endUserId());
        return forgotten.isEmpty() || occurredAt.isAfter(forgotten.get());
    }
}
