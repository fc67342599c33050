package io.lyss.memory.memories;

import io.lyss.memory.crypto.ContentCipher;
import io.lyss.memory.crypto.ContentShreddedException;
import io.lyss.memory.index.HistoryStore;
import java.util.ArrayList;
import java.util.List;

/** The history of one memory, read from its recorded events (old and new text of each change). */
public final class History {

    /** One change, in Mem0's history shape. */
    public record Change(
            String id,
            String memoryId,
            String oldMemory,
            String newMemory,
            String event,
            String userId,
            String sourceTurnId,
            String extractor,
            String createdAt) {}

    private final HistoryStore store;
    private final ContentCipher cipher;

    public History(HistoryStore store, ContentCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    public List<Change> of(String workspaceId, String memoryId) {
        List<HistoryStore.Entry> entries = store.of(memoryId).stream()
                .filter(entry -> workspaceId.equals(entry.workspaceId()))
                .toList();
        if (entries.isEmpty()) {
            throw new MemoryNotFoundException(memoryId);
        }
        List<Change> changes = new ArrayList<>();
        String current = null;
        for (HistoryStore.Entry entry : entries) {
            String text = entry.content() == null ? null : open(entry);
            String newMemory = "DELETE".equals(entry.event()) ? null : text;
            changes.add(new Change(
                    entry.eventId(),
                    memoryId,
                    current,
                    newMemory,
                    entry.event(),
                    entry.userId(),
                    entry.sourceTurnId(),
                    entry.extractor(),
                    entry.occurredAt().toString()));
            current = newMemory;
        }
        return changes;
    }

    private String open(HistoryStore.Entry entry) {
        try {
            return cipher.decrypt(entry.memoryId(), entry.workspaceId(), entry.userId(), entry.content())
                    .text();
        } catch (ContentShreddedException e) {
            throw new MemoryNotFoundException(entry.memoryId());
        }
    }
}
