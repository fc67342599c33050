package io.lyss.memory.extraction;

import io.lyss.memory.index.MemoryRecord;

/**
 * What to do with one fact: ADD a new memory, UPDATE or DELETE an existing one (always one of the memories the
 * extractor was shown, never an id it made up), or NONE when the fact is known already.
 *
 * @param text the new memory text (ADD, UPDATE); the existing text otherwise
 * @param target the existing memory (UPDATE, DELETE, NONE); null for ADD
 */
public record Decision(Event event, String text, MemoryRecord target) {

    /** The four Mem0 decisions. */
    public enum Event {
        ADD,
        UPDATE,
        DELETE,
        NONE
    }

    public static Decision add(String text) {
        return new Decision(Event.ADD, text, null);
    }
}
