package io.lyss.memory.memories;

import io.lyss.memory.changes.CommandSide;
import io.lyss.memory.changes.MemoryChange;
import io.lyss.memory.crypto.ContentCipher;
import io.lyss.memory.crypto.MemoryContent;
import io.lyss.memory.embedding.Embedder;
import io.lyss.memory.extraction.Decision;
import io.lyss.memory.extraction.Decisions;
import io.lyss.memory.extraction.Extractor;
import io.lyss.memory.extraction.Message;
import io.lyss.memory.index.MemoryHash;
import io.lyss.memory.index.MemoryIndex;
import io.lyss.memory.index.MemoryRecord;
import io.lyss.memory.index.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Adding memories from messages: find the user's closest memories, let the extractor decide (one model call, or
 * rules), drop exact duplicates by hash, and record the changes as events on the command side.
 */
public final class Remembering {

    /** How many existing memories the extractor is shown. */
    static final int CANDIDATES = 10;

    private final MemoryIndex index;
    private final Embedder embedder;
    private final Extractor extractor;
    private final ContentCipher cipher;
    private final CommandSide commandSide;

    public Remembering(
            MemoryIndex index, Embedder embedder, Extractor extractor, ContentCipher cipher, CommandSide commandSide) {
        this.index = index;
        this.embedder = embedder;
        this.extractor = extractor;
        this.cipher = cipher;
        this.commandSide = commandSide;
    }

    /**
     * @param infer false: each user message is stored as it is, without extraction
     * @param keyId the virtual key that asked; null for turns
     * @param sourceTurnId the turn the messages come from; null for the API
     * @param idSeed makes new memory ids deterministic (a re-delivered turn adds nothing twice); null: random
     */
    public List<AddResult> add(
            Scope scope,
            List<Message> messages,
            Map<String, Object> metadata,
            boolean infer,
            String keyId,
            String sourceTurnId,
            String idSeed) {
        String userText = messages.stream()
                .filter(Message::fromUser)
                .map(Message::content)
                .collect(Collectors.joining("\n"));
        if (userText.isBlank()) {
            return List.of();
        }
        List<MemoryRecord> existing = index.nearest(scope, embedder.embed(userText), CANDIDATES, -1);
        Decisions decisions = infer
                ? extractor.decide(scope.workspaceId(), messages, existing, idSeed)
                : new Decisions(
                        messages.stream()
                                .filter(Message::fromUser)
                                .map(m -> Decision.add(m.content().strip()))
                                .toList(),
                        "api",
                        0);
        String extractor = keyId != null && !infer ? "api" : decisions.extractor();
        List<MemoryChange> changes = new ArrayList<>();
        List<AddResult> results = new ArrayList<>();
        Set<String> seenHashes = new HashSet<>();
        int added = 0;
        for (Decision decision : decisions.decisions()) {
            String hash = MemoryHash.of(decision.text());
            switch (decision.event()) {
                case ADD -> {
                    var duplicate = existing.stream()
                            .filter(m -> hash.equals(m.hash()))
                            .findFirst()
                            .or(() -> index.withHash(scope, hash));
                    if (duplicate.isPresent() || !seenHashes.add(hash)) {
                        duplicate.ifPresent(d -> results.add(new AddResult(d.id(), d.memory(), "NONE", null)));
                        continue;
                    }
                    String id = idSeed == null ? UUID.randomUUID().toString() : seeded(idSeed, added);
                    added++;
                    var content = cipher.encrypt(
                            id, scope.workspaceId(), scope.userId(), new MemoryContent(decision.text(), metadata));
                    changes.add(new MemoryChange(
                            "ADD",
                            id,
                            scope.workspaceId(),
                            scope.userId(),
                            scope.agentId(),
                            scope.runId(),
                            content,
                            sourceTurnId,
                            extractor));
                    results.add(new AddResult(id, decision.text(), "ADD", null));
                }
                case UPDATE -> {
                    MemoryRecord target = decision.target();
                    if (hash.equals(target.hash()) || !seenHashes.add(hash)) {
                        results.add(new AddResult(target.id(), target.memory(), "NONE", null));
                        continue;
                    }
                    var content = cipher.encrypt(
                            target.id(),
                            target.workspaceId(),
                            target.userId(),
                            new MemoryContent(decision.text(), target.metadata()));
                    changes.add(new MemoryChange(
                            "UPDATE",
                            target.id(),
                            target.workspaceId(),
                            target.userId(),
                            null,
                            null,
                            content,
                            sourceTurnId,
                            extractor));
                    results.add(new AddResult(target.id(), decision.text(), "UPDATE", target.memory()));
                }
                case DELETE -> {
                    MemoryRecord target = decision.target();
                    changes.add(new MemoryChange(
                            "DELETE",
                            target.id(),
                            target.workspaceId(),
                            target.userId(),
                            null,
                            null,
                            null,
                            sourceTurnId,
                            extractor));
                    results.add(new AddResult(target.id(), target.memory(), "DELETE", null));
                }
                case NONE ->
                    results.add(new AddResult(
                            decision.target().id(), decision.target().memory(), "NONE", null));
            }
        }
        if (!changes.isEmpty()) {
            Map<String, Boolean> stored = commandSide.record(
                    keyId, sourceTurnId == null ? UUID.randomUUID().toString() : sourceTurnId, changes);
            results.removeIf(r -> !"NONE".equals(r.event()) && !stored.getOrDefault(r.id(), false));
        }
        return results;
    }

    private static String seeded(String seed, int n) {
        return UUID.nameUUIDFromBytes((seed + ":" + n).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
