package io.lyss.memory.extraction;

import io.lyss.memory.index.MemoryRecord;
import java.util.List;

/** Extracts facts about the user from a conversation and reconciles them with the closest known memories. */
public interface Extractor {

    /**
     * @param existing the user's memories most similar to the conversation, best first
     */
    Decisions decide(String workspaceId, List<Message> conversation, List<MemoryRecord> existing);
}
