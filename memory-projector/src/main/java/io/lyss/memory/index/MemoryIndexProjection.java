package io.lyss.memory.index;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.lyss.events.EventCatalogue;
import io.lyss.events.EventEnvelope;
import io.lyss.events.memory.MemoryAdded;
import io.lyss.events.memory.MemoryDeleted;
import io.lyss.events.memory.MemoryUpdated;
import io.lyss.events.memory.UserForgotten;
import io.lyss.memory.crypto.ContentCipher;
import io.lyss.memory.crypto.ContentShreddedException;
import io.lyss.memory.crypto.DataKeys;
import io.lyss.memory.crypto.MemoryContent;
import io.lyss.memory.embedding.Embedder;
import io.lyss.memory.feed.Checkpoints;
import io.lyss.memory.feed.FedEvent;
import io.lyss.memory.feed.Projection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Projects memory events into the memory index and the history table. It decrypts with the user's data key and
 * embeds in-process, so a rebuild never calls an LLM; events of a forgotten user no longer decrypt and are
 * skipped. Documents are keyed by memory id (idempotent); the checkpoint moves after the bulk succeeded.
 */
public final class MemoryIndexProjection implements Projection {

    public static final String NAME = "memory-index";

    private final MemoryIndex index;
    private final HistoryStore history;
    private final ContentCipher cipher;
    private final DataKeys keys;
    private final Embedder embedder;
    private final Checkpoints checkpoints;

    public MemoryIndexProjection(
            MemoryIndex index,
            HistoryStore history,
            ContentCipher cipher,
            DataKeys keys,
            Embedder embedder,
            Checkpoints checkpoints) {
        this.index = index;
        this.history = history;
        this.cipher = cipher;
        this.keys = keys;
        this.embedder = embedder;
        this.checkpoints = checkpoints;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(
                EventCatalogue.nameOf(MemoryAdded.class),
                EventCatalogue.nameOf(MemoryUpdated.class),
                EventCatalogue.nameOf(MemoryDeleted.class),
                EventCatalogue.nameOf(UserForgotten.class));
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return checkpoints.load(NAME);
    }

    @Override
    public void apply(List<FedEvent> events, Map<Integer, Long> nextOffsets) {
        if (!events.isEmpty()) {
            index.ensureExists();
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            int operations = 0;
            for (FedEvent event : events) {
                if (event.payload() instanceof UserForgotten forgotten) {
                    flush(bulk, operations);
                    bulk = new BulkRequest.Builder();
                    operations = 0;
                    forget(forgotten, event.envelope());
                } else if (add(bulk, event)) {
                    operations++;
                }
            }
            flush(bulk, operations);
        }
        checkpoints.save(NAME, nextOffsets);
    }

    private boolean add(BulkRequest.Builder bulk, FedEvent event) {
        EventEnvelope envelope = event.envelope();
        String at = envelope.occurredAt().toString();
        try {
            switch (event.payload()) {
                case MemoryAdded added -> {
                    MemoryContent content =
                            cipher.decrypt(added.memoryId(), added.workspaceId(), added.userId(), added.content());
                    record(
                            envelope,
                            added.memoryId(),
                            added.workspaceId(),
                            added.userId(),
                            "ADD",
                            added.content(),
                            added.sourceTurnId(),
                            added.extractor());
                    Map<String, Object> document = MemoryDocuments.document(
                            added.memoryId(),
                            added.workspaceId(),
                            added.userId(),
                            added.agentId(),
                            added.runId(),
                            added.content().dataKeyId(),
                            content.text(),
                            content.metadata(),
                            at,
                            embedder.embed(content.text()));
                    bulk.operations(op -> op.index(
                            i -> i.index(index.name()).id(added.memoryId()).document(document)));
                    return true;
                }
                case MemoryUpdated updated -> {
                    MemoryContent content = cipher.decrypt(
                            updated.memoryId(), updated.workspaceId(), updated.userId(), updated.content());
                    record(
                            envelope,
                            updated.memoryId(),
                            updated.workspaceId(),
                            updated.userId(),
                            "UPDATE",
                            updated.content(),
                            updated.sourceTurnId(),
                            updated.extractor());
                    Map<String, Object> changes = new HashMap<>();
                    changes.put("memory", content.text());
                    changes.put("hash", MemoryHash.of(content.text()));
                    changes.put("metadata", content.metadata());
                    changes.put("dataKeyId", updated.content().dataKeyId());
                    changes.put("updatedAt", at);
                    changes.put("embedding", embedder.embed(content.text()));
                    bulk.operations(op -> op.update(
                            u -> u.index(index.name()).id(updated.memoryId()).action(a -> a.doc(changes))));
                    return true;
                }
                case MemoryDeleted deleted -> {
                    record(
                            envelope,
                            deleted.memoryId(),
                            deleted.workspaceId(),
                            deleted.userId(),
                            "DELETE",
                            null,
                            deleted.sourceTurnId(),
                            deleted.extractor());
                    bulk.operations(op -> op.delete(d -> d.index(index.name()).id(deleted.memoryId())));
                    return true;
                }
                default -> {
                    return false;
                }
            }
        } catch (ContentShreddedException e) {
            return false; // the user was forgotten: nothing of theirs is projected again
        }
    }

    private void record(
            EventEnvelope envelope,
            String memoryId,
            String workspaceId,
            String userId,
            String event,
            io.lyss.events.memory.EncryptedContent content,
            String sourceTurnId,
            String extractor) {
        history.record(
                new HistoryStore.Entry(
                        envelope.eventId(),
                        memoryId,
                        workspaceId,
                        userId,
                        event,
                        content,
                        sourceTurnId,
                        extractor,
                        envelope.occurredAt()),
                envelope.aggregateSequence());
    }

    private void forget(UserForgotten forgotten, EventEnvelope envelope) {
        keys.evict(forgotten.dataKeyIds());
        index.deleteUser(forgotten.workspaceId(), forgotten.userId());
        history.forget(forgotten.workspaceId(), forgotten.userId(), envelope.occurredAt());
    }

    private void flush(BulkRequest.Builder bulk, int operations) {
        if (operations == 0) {
            return;
        }
        BulkResponse response = MemoryIndex.call(() -> index.client().bulk(bulk.build()));
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                // an update or delete of a memory that is already gone is not an error for a replay
                if (item.error() != null && item.status() != 404) {
                    throw new IllegalStateException("Elasticsearch refused a memory document: "
                            + item.error().type());
                }
            }
        }
    }
}
