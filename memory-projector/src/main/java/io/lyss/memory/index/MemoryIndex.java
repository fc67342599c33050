package io.lyss.memory.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory index: one document per live memory, with its scope as keyword filters, its text analysed with
 * {@code standard}, and its embedding as a {@code dense_vector} for filtered kNN search.
 */
public final class MemoryIndex {

    private static final List<String> WITHOUT_VECTOR = List.of("embedding");

    private final ElasticsearchClient elasticsearch;
    private final String name;
    private final int dimensions;
    private volatile boolean exists;

    public MemoryIndex(ElasticsearchClient elasticsearch, String name, int dimensions) {
        this.elasticsearch = elasticsearch;
        this.name = name;
        this.dimensions = dimensions;
    }

    public String name() {
        return name;
    }

    ElasticsearchClient client() {
        return elasticsearch;
    }

    public void ensureExists() {
        if (exists) {
            return;
        }
        call(() -> {
            try {
                if (!elasticsearch.indices().exists(e -> e.index(name)).value()) {
                    elasticsearch.indices().create(c -> c.index(name)
                            .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                            .mappings(m -> m.dynamic(DynamicMapping.Strict)
                                    .properties("memoryId", p -> p.keyword(k -> k))
                                    .properties("workspaceId", p -> p.keyword(k -> k))
                                    .properties("userId", p -> p.keyword(k -> k))
                                    .properties("agentId", p -> p.keyword(k -> k))
                                    .properties("runId", p -> p.keyword(k -> k))
                                    .properties("dataKeyId", p -> p.keyword(k -> k))
                                    .properties("hash", p -> p.keyword(k -> k))
                                    .properties("memory", p -> p.text(t -> t.analyzer("standard")))
                                    .properties("metadata", p -> p.object(o -> o.enabled(false)))
                                    .properties("createdAt", p -> p.date(d -> d))
                                    .properties("updatedAt", p -> p.date(d -> d))
                                    .properties(
                                            "embedding",
                                            p -> p.denseVector(v -> v.dims(dimensions)
                                                    .index(true)
                                                    .similarity(
                                                            co.elastic.clients.elasticsearch._types.mapping
                                                                    .DenseVectorSimilarity.Cosine)))));
                }
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
            // Another thread (the feed, another request) may have created it a moment ago: until its primary shard
            // is active, searches are answered 503. (Health "yellow" is not enough: Elasticsearch reports a new
            // index whose primary is still initialising as yellow.)
            if (elasticsearch
                    .cluster()
                    .health(h ->
                            h.index(name).waitForActiveShards(w -> w.count(1)).timeout(t -> t.time("30s")))
                    .timedOut()) {
                throw new IOException("the memory index " + name + " has no active shard yet");
            }
            return null;
        });
        exists = true;
    }

    /** The memories in scope closest to a query vector, best first, at or above a cosine similarity. */
    public List<MemoryRecord> nearest(Scope scope, float[] vector, int limit, double threshold) {
        ensureExists();
        List<Float> query = new ArrayList<>(vector.length);
        for (float v : vector) {
            query.add(v);
        }
        SearchResponse<Map> response = call(() -> elasticsearch.search(
                s -> s.index(name)
                        .size(limit)
                        .source(src -> src.filter(f -> f.excludes(WITHOUT_VECTOR)))
                        .knn(k -> k.field("embedding")
                                .queryVector(query)
                                .k(limit)
                                .numCandidates(Math.max(100, limit * 10))
                                .filter(scope.filters())),
                Map.class));
        List<MemoryRecord> found = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            double similarity = 2 * (hit.score() == null ? 0 : hit.score()) - 1; // ES maps cosine to (1 + cos) / 2
            if (similarity >= threshold) {
                found.add(MemoryDocuments.toRecord(hit.id(), hit.source(), similarity));
            }
        }
        return found;
    }

    /** A memory in scope with exactly this content hash, if any. */
    public Optional<MemoryRecord> withHash(Scope scope, String hash) {
        ensureExists();
        SearchResponse<Map> response = call(() -> elasticsearch.search(
                s -> s.index(name)
                        .size(1)
                        .source(src -> src.filter(f -> f.excludes(WITHOUT_VECTOR)))
                        .query(q -> q.bool(b -> b.filter(scope.filters())
                                .filter(f -> f.term(t -> t.field("hash").value(hash))))),
                Map.class));
        return response.hits().hits().stream()
                .findFirst()
                .map(hit -> MemoryDocuments.toRecord(hit.id(), hit.source(), null));
    }

    public Optional<MemoryRecord> get(String memoryId) {
        ensureExists();
        GetResponse<Map> response = call(
                () -> elasticsearch.get(g -> g.index(name).id(memoryId).sourceExcludes(WITHOUT_VECTOR), Map.class));
        return response.found()
                ? Optional.of(MemoryDocuments.toRecord(response.id(), response.source(), null))
                : Optional.empty();
    }

    /** Memories in scope, newest first. */
    public Page list(Scope scope, int from, int size) {
        ensureExists();
        SearchResponse<Map> response = call(() -> elasticsearch.search(
                s -> s.index(name)
                        .from(from)
                        .size(size)
                        .trackTotalHits(t -> t.enabled(true))
                        .source(src -> src.filter(f -> f.excludes(WITHOUT_VECTOR)))
                        .query(q -> q.bool(b -> b.filter(scope.filters())))
                        .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("memoryId").order(SortOrder.Asc))),
                Map.class));
        List<MemoryRecord> records = response.hits().hits().stream()
                .map(hit -> MemoryDocuments.toRecord(hit.id(), hit.source(), null))
                .toList();
        long total = response.hits().total() == null
                ? records.size()
                : response.hits().total().value();
        return new Page(total, records);
    }

    /**
     * Removes every document of a user (erasure). This Elasticsearch has no delete-by-query, so ids are searched
     * and deleted in bulk, page after page, until none is left.
     */
    public void deleteUser(String workspaceId, String userId) {
        ensureExists();
        Scope scope = new Scope(workspaceId, userId, null, null);
        while (true) {
            refresh();
            SearchResponse<Map> page = call(() -> elasticsearch.search(
                    s -> s.index(name)
                            .size(1000)
                            .source(src -> src.fetch(false))
                            .query(q -> q.bool(b -> b.filter(scope.filters()))),
                    Map.class));
            List<String> ids = page.hits().hits().stream().map(Hit::id).toList();
            if (ids.isEmpty()) {
                return;
            }
            call(() -> elasticsearch.bulk(bulk -> {
                ids.forEach(
                        id -> bulk.operations(op -> op.delete(d -> d.index(name).id(id))));
                return bulk;
            }));
        }
    }

    /** Makes recent writes visible to search (tests and benchmarks). */
    public void refresh() {
        ensureExists();
        call(() -> elasticsearch.indices().refresh(r -> r.index(name)));
    }

    /** One page of memories and how many match in all. */
    public record Page(long total, List<MemoryRecord> records) {}

    interface Call<T> {
        T run() throws IOException;
    }

    static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }
}
