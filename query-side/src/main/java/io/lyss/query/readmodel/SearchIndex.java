package io.lyss.query.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indices behind one alias. Readers always go through the alias; a rebuild fills a new generation and the alias
 * moves to it in one {@code _aliases} call, which Elasticsearch applies atomically.
 */
public final class SearchIndex {

    private final ElasticsearchClient elasticsearch;
    private final SearchDocuments<?> documents;
    private final ObjectMapper canonical =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public SearchIndex(ElasticsearchClient elasticsearch, SearchDocuments<?> documents) {
        this.elasticsearch = elasticsearch;
        this.documents = documents;
    }

    /** The index the alias points at; creates a first generation when there is none. */
    public String current() {
        return call(() -> {
            try {
                Set<String> indices = elasticsearch
                        .indices()
                        .getAlias(a -> a.name(documents.alias()))
                        .result()
                        .keySet();
                if (!indices.isEmpty()) {
                    return indices.iterator().next();
                }
            } catch (ElasticsearchException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            String first = createGeneration();
            try {
                elasticsearch
                        .indices()
                        .updateAliases(u -> u.actions(a -> a.add(
                                add -> add.index(first).alias(documents.alias()).isWriteIndex(true))));
            } catch (ElasticsearchException e) {
                deleteQuietly(first);
                throw e;
            }
            return current();
        });
    }

    /** A new, empty generation with the mapping. */
    public String createGeneration() {
        String index = documents.alias() + "-" + System.currentTimeMillis();
        call(() -> elasticsearch.indices().create(c -> c.index(index)
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(documents.mapping())));
        return index;
    }

    /** Moves the alias from its current index to {@code index} atomically, then deletes the old one. */
    public void switchTo(String index) {
        String old = current();
        call(() -> elasticsearch.indices().updateAliases(u -> u.actions(
                        a -> a.remove(r -> r.index(old).alias(documents.alias())))
                .actions(a ->
                        a.add(add -> add.index(index).alias(documents.alias()).isWriteIndex(true)))));
        deleteQuietly(old);
    }

    public void deleteQuietly(String index) {
        try {
            elasticsearch.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        } catch (IOException | ElasticsearchException e) {
            // an index left behind wastes space, nothing else
        }
    }

    /** SHA-256 over every document of an index in id order, with keys sorted: equal content, equal checksum. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public String checksum(String index) {
        return call(() -> {
            elasticsearch.indices().refresh(r -> r.index(index));
            MessageDigest digest = sha256();
            long count = 0;
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> cursor = after;
                SearchResponse<Map> page = elasticsearch.search(
                        s -> {
                            s.index(index)
                                    .size(1000)
                                    .trackTotalHits(t -> t.enabled(false))
                                    .sort(o -> o.field(
                                            f -> f.field(documents.idField()).order(SortOrder.Asc)));
                            if (cursor != null) {
                                s.searchAfter(cursor);
                            }
                            return s;
                        },
                        Map.class);
                List<Hit<Map>> hits = page.hits().hits();
                if (hits.isEmpty()) {
                    break;
                }
                for (Hit<Map> hit : hits) {
                    digest.update(canonical.writeValueAsString(hit.source()).getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                    count++;
                }
                after = hits.getLast().sort();
            }
            return HexFormat.of().formatHex(digest.digest()) + ":" + count;
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }
}
