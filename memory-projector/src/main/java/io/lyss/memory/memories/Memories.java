package io.lyss.memory.memories;

import io.lyss.memory.changes.CommandSide;
import io.lyss.memory.changes.MemoryChange;
import io.lyss.memory.crypto.ContentCipher;
import io.lyss.memory.crypto.MemoryContent;
import io.lyss.memory.embedding.Embedder;
import io.lyss.memory.index.MemoryIndex;
import io.lyss.memory.index.MemoryRecord;
import io.lyss.memory.index.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reading and editing single memories within a workspace. Every read is filtered by the caller's workspace, and
 * every edit names the memory's own scope, so a memory of another tenant is simply "not found".
 */
public final class Memories {

    private final MemoryIndex index;
    private final Embedder embedder;
    private final ContentCipher cipher;
    private final CommandSide commandSide;

    public Memories(MemoryIndex index, Embedder embedder, ContentCipher cipher, CommandSide commandSide) {
        this.index = index;
        this.embedder = embedder;
        this.cipher = cipher;
        this.commandSide = commandSide;
    }

    public List<MemoryRecord> search(Scope scope, String query, int limit, double threshold) {
        return index.nearest(scope, embedder.embed(query), limit, threshold);
    }

    public MemoryRecord get(String workspaceId, String memoryId) {
        return index.get(memoryId)
                .filter(memory -> workspaceId.equals(memory.workspaceId()))
                .orElseThrow(() -> new MemoryNotFoundException(memoryId));
    }

    public MemoryIndex.Page list(Scope scope, int from, int size) {
        return index.list(scope, from, size);
    }

    /** Replaces text and/or metadata; the scope stays the memory's own whatever the metadata says. */
    public AddResult update(
            String workspaceId, String memoryId, String text, Map<String, Object> metadata, String keyId) {
        MemoryRecord memory = get(workspaceId, memoryId);
        String newText = text == null || text.isBlank() ? memory.memory() : text.strip();
        var content = cipher.encrypt(
                memoryId,
                memory.workspaceId(),
                memory.userId(),
                new MemoryContent(newText, metadata == null ? memory.metadata() : metadata));
        record(
                keyId,
                new MemoryChange(
                        "UPDATE", memoryId, memory.workspaceId(), memory.userId(), null, null, content, null, "api"));
        return new AddResult(memoryId, newText, "UPDATE", memory.memory());
    }

    public void delete(String workspaceId, String memoryId, String keyId) {
        MemoryRecord memory = get(workspaceId, memoryId);
        record(
                keyId,
                new MemoryChange(
                        "DELETE", memoryId, memory.workspaceId(), memory.userId(), null, null, null, null, "api"));
    }

    /** Deletes every memory in a scope, one event each; returns how many. */
    public int deleteAll(Scope scope, String keyId) {
        List<MemoryChange> changes = new ArrayList<>();
        MemoryIndex.Page page;
        do {
            page = index.list(scope, changes.size(), 500);
            for (MemoryRecord memory : page.records()) {
                changes.add(new MemoryChange(
                        "DELETE", memory.id(), memory.workspaceId(), memory.userId(), null, null, null, null, "api"));
            }
        } while (!page.records().isEmpty() && changes.size() < page.total());
        for (int from = 0; from < changes.size(); from += 500) {
            commandSide.record(
                    keyId, UUID.randomUUID().toString(), changes.subList(from, Math.min(changes.size(), from + 500)));
        }
        return changes.size();
    }

    private void record(String keyId, MemoryChange change) {
        Map<String, Boolean> stored =
                commandSide.record(keyId, UUID.randomUUID().toString(), List.of(change));
        if (!stored.getOrDefault(change.memoryId(), false)) {
            throw new MemoryNotFoundException(change.memoryId());
        }
    }
}
