package io.lyss.query.turns;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The turn index and its mapping: keyword fields for filters, {@code standard}-analysed text for search. */
public final class TurnIndex {

    static final String NAME = "lyss-turns-v1";

    private final ElasticsearchClient elasticsearch;
    private volatile boolean exists;

    public TurnIndex(ElasticsearchClient elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    void ensureExists() {
        if (exists) {
            return;
        }
        try {
            if (!elasticsearch.indices().exists(e -> e.index(NAME)).value()) {
                elasticsearch.indices().create(c -> c.index(NAME)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                        .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
                                .properties("eventId", p -> p.keyword(k -> k))
                                .properties("workspaceId", p -> p.keyword(k -> k))
                                .properties("conversationId", p -> p.keyword(k -> k))
                                .properties("turnId", p -> p.keyword(k -> k))
                                .properties("keyId", p -> p.keyword(k -> k))
                                .properties("model", p -> p.keyword(k -> k))
                                .properties("channelId", p -> p.keyword(k -> k))
                                .properties("question", p -> p.text(t -> t.analyzer("standard")))
                                .properties("answer", p -> p.text(t -> t.analyzer("standard")))
                                .properties("finishReason", p -> p.keyword(k -> k))
                                .properties("latencyMillis", p -> p.long_(l -> l))
                                .properties("occurredAt", p -> p.date(d -> d))));
            }
            exists = true;
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                exists = true;
                return;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }
}
