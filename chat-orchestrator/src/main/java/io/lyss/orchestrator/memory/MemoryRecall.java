package io.lyss.orchestrator.memory;

import java.util.List;

/**
 * The port the workflow's memory node calls: the end user's memories most relevant to a question. When no
 * implementation is configured, the memory node is skipped.
 */
public interface MemoryRecall {

    /**
     * @param endUserId the end user named by the client request
     * @param limit at most this many memories, best first
     */
    List<RecalledMemory> recall(String workspaceId, String endUserId, String query, int limit);
}
