package io.lyss.memory.extraction;

import io.lyss.memory.index.MemoryRecord;
import java.util.List;

/** Extracts facts about the user from a conversation and reconciles them with the closest known memories. */
public interface Extractor {

    /**
     * @param existing the user's memories most similar to the conversation, best first
     */
    Decisions decide(String workspaceId, List<Message> conversation, List<MemoryRecord> existing);

    /**
     * @param callId names this extraction (the mined turn's event id), so a model call repeated for the same turn
     *     is recorded and spends once; null when there is nothing to name
     */
    default Decisions decide(
            String workspaceId, List<Message> conversation, List<MemoryRecord> existing, String callId) {
        return decide(workspaceId, conversation, existing);
    }
}
