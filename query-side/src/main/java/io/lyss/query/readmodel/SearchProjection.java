package io.lyss.query.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.projection.Projection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Feeds one generation (concrete index) of an Elasticsearch read model. Documents have deterministic ids and carry
 * the event's global index as external version ({@code external_gte}): a re-delivered event rewrites the same
 * document, an older one never overwrites a newer one. The checkpoint, kept under {@code name@index}, moves only
 * after the bulk request succeeded.
 */
public final class SearchProjection<T> implements Projection {

    private static final int ERASE_PAGE = 1000;

    private final ElasticsearchClient elasticsearch;
    private final SearchDocuments<T> documents;
    private final CheckpointStore checkpoints;
    private final SearchIndex indices;
    private volatile String index;

    /** Feeds the generation the alias points at, looked up on first use (Elasticsearch may start later). */
    public SearchProjection(
            ElasticsearchClient elasticsearch, SearchDocuments<T> documents, CheckpointStore checkpoints) {
        this(elasticsearch, documents, checkpoints, null);
    }

    /** Feeds one given generation (a rebuild's shadow). */
    public SearchProjection(
            ElasticsearchClient elasticsearch,
            SearchDocuments<T> documents,
            CheckpointStore checkpoints,
            String index) {
        this.elasticsearch = elasticsearch;
        this.documents = documents;
        this.checkpoints = checkpoints;
        this.indices = new SearchIndex(elasticsearch, documents);
        this.index = index;
    }

    /** The generation this projection writes to. */
    public String index() {
        String current = index;
        if (current == null) {
            current = indices.current();
            index = current;
        }
        return current;
    }

    public SearchIndex indices() {
        return indices;
    }

    /** Points this projection at another generation (after an alias switch); its checkpoint comes along. */
    public void retarget(String newIndex) {
        this.index = newIndex;
    }

    public SearchDocuments<T> documents() {
        return documents;
    }

    @Override
    public String name() {
        return documents.name();
    }

    @Override
    public boolean handles(String eventType) {
        return documents.handles(eventType);
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return checkpoints.load(checkpointName());
    }

    private String checkpointName() {
        return documents.name() + "@" + index();
    }

    @Override
    public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
        List<ProjectedEvent> pending = new ArrayList<>();
        for (ProjectedEvent event : events) {
            Query erasure = documents.erasure(event);
            if (erasure == null) {
                pending.add(event);
                continue;
            }
            if (!pending.isEmpty()) {
                bulkIndex(pending);
                pending.clear();
            }
            erase(erasure);
        }
        if (!pending.isEmpty()) {
            bulkIndex(pending);
        }
        checkpoints.save(checkpointName(), nextOffsets);
    }

    /**
     * Deletes what the query matches, after making the documents indexed just before it visible. Page by page
     * (search, then bulk delete): the Elasticsearch distribution Lyss runs locally has no delete-by-query.
     */
    private void erase(Query erasure) {
        String target = index();
        try {
            while (true) {
                elasticsearch.indices().refresh(r -> r.index(target));
                List<String> ids = elasticsearch
                        .search(
                                s -> s.index(target)
                                        .size(ERASE_PAGE)
                                        .source(src -> src.fetch(false))
                                        .query(erasure),
                                Map.class)
                        .hits()
                        .hits()
                        .stream()
                        .map(Hit::id)
                        .toList();
                if (ids.isEmpty()) {
                    return;
                }
                BulkResponse deleted = elasticsearch.bulk(bulk -> {
                    ids.forEach(id ->
                            bulk.operations(op -> op.delete(d -> d.index(target).id(id))));
                    return bulk;
                });
                if (deleted.errors()) {
                    throw new IllegalStateException("Elasticsearch refused to erase documents of " + documents.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }

    private void bulkIndex(List<ProjectedEvent> events) {
        String target = index();
        List<ProjectedEvent> indexed = new ArrayList<>();
        List<T> made = new ArrayList<>();
        for (ProjectedEvent event : events) {
            T document = documents.document(event);
            if (document != null) {
                indexed.add(event);
                made.add(document);
            }
        }
        if (made.isEmpty()) {
            return;
        }
        try {
            BulkResponse response = elasticsearch.bulk(bulk -> {
                for (int n = 0; n < made.size(); n++) {
                    T document = made.get(n);
                    long version = Math.max(0, indexed.get(n).envelope().globalIndex());
                    bulk.operations(op -> op.index(i -> i.index(target)
                            .id(documents.id(document))
                            .version(version)
                            .versionType(VersionType.ExternalGte)
                            .document(document)));
                }
                return bulk;
            });
            if (response.errors()) {
                for (BulkResponseItem item : response.items()) {
                    if (item.error() != null
                            && !"version_conflict_engine_exception"
                                    .equals(item.error().type())) {
                        throw new IllegalStateException("Elasticsearch refused document " + item.id() + " of "
                                + documents.name() + ": " + item.error().type() + " "
                                + item.error().reason());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }
}
