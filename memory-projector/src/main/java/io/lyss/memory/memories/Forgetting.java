package io.lyss.memory.memories;

import io.lyss.memory.changes.CommandSide;
import io.lyss.memory.crypto.DataKeys;
import io.lyss.memory.index.HistoryStore;
import io.lyss.memory.index.MemoryIndex;
import java.time.Instant;
import java.util.List;

/**
 * Forgetting an end user: destroy their data keys first (from that moment every memory event of theirs in the
 * log is unreadable), record {@code UserForgotten}, and drop them from the memory index at once (the projection
 * does it again when the event arrives, and on every rebuild).
 */
public final class Forgetting {

    private final DataKeys keys;
    private final CommandSide commandSide;
    private final MemoryIndex index;
    private final HistoryStore history;

    public Forgetting(DataKeys keys, CommandSide commandSide, MemoryIndex index, HistoryStore history) {
        this.keys = keys;
        this.commandSide = commandSide;
        this.index = index;
        this.history = history;
    }

    /** Returns the ids of the destroyed data keys. */
    public List<String> forget(String workspaceId, String userId) {
        List<String> destroyed = keys.destroy(workspaceId, userId);
        commandSide.forget(workspaceId, userId, destroyed);
        index.deleteUser(workspaceId, userId);
        history.forget(workspaceId, userId, Instant.now());
        return destroyed;
    }
}
