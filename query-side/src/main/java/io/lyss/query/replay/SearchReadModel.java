package io.lyss.query.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.Projection;
import io.lyss.query.projection.ProjectionRunner;
import io.lyss.query.readmodel.SearchProjection;
import java.util.Map;

/** An Elasticsearch read model: the shadow is a new index generation, switched in by moving the alias. */
public final class SearchReadModel implements ReadModel {

    private final ElasticsearchClient elasticsearch;
    private final SearchProjection<?> live;
    private final CheckpointStore checkpoints;
    private final ProjectionRunner runner;

    public SearchReadModel(
            ElasticsearchClient elasticsearch,
            SearchProjection<?> live,
            CheckpointStore checkpoints,
            ProjectionRunner runner) {
        this.elasticsearch = elasticsearch;
        this.live = live;
        this.checkpoints = checkpoints;
        this.runner = runner;
    }

    @Override
    public String name() {
        return live.name();
    }

    @Override
    public ProjectionRunner runner() {
        return runner;
    }

    @Override
    public Map<String, String> liveChecksums() {
        return Map.of(live.documents().alias(), live.indices().checksum(live.index()));
    }

    @Override
    public Shadow prepareShadow() {
        String index = live.indices().createGeneration();
        SearchProjection<?> projection = new SearchProjection<>(elasticsearch, live.documents(), checkpoints, index);
        return new SearchShadow(projection);
    }

    @Override
    public void switchTo(Shadow shadow) {
        String old = live.index();
        String rebuilt = ((SearchShadow) shadow).projection.index();
        live.indices().switchTo(rebuilt);
        live.retarget(rebuilt);
        checkpoints.delete(live.name() + "@" + old);
    }

    private final class SearchShadow implements Shadow {
        private final SearchProjection<?> projection;

        SearchShadow(SearchProjection<?> projection) {
            this.projection = projection;
        }

        @Override
        public Projection projection() {
            return projection;
        }

        @Override
        public Map<String, String> checksums() {
            return Map.of(live.documents().alias(), live.indices().checksum(projection.index()));
        }

        @Override
        public void seal() {
            // Elasticsearch indices are durable as they are written
        }

        @Override
        public void discard() {
            live.indices().deleteQuietly(projection.index());
            checkpoints.delete(projection.name() + "@" + projection.index());
        }
    }
}
