package io.lyss.query.replay;

import io.lyss.query.projection.Projection;
import io.lyss.query.projection.ProjectionRunner;
import io.lyss.query.readmodel.ProcessedIds;
import io.lyss.query.readmodel.SqlSchema;
import java.util.Map;
import java.util.function.Function;

/** A PostgreSQL read model: the shadow is a sibling schema, switched in by renaming schemas in one transaction. */
public final class SqlReadModel implements ReadModel {

    private final SqlSchema live;
    private final Function<SqlSchema, Projection> projectionOn;
    private final ProjectionRunner runner;

    /**
     * @param projectionOn the projection that fills a shadow schema (it may differ from the live one, e.g. batch
     *     more); it is created after the shadow schema exists, and may find it partly filled by an interrupted rebuild
     */
    public SqlReadModel(SqlSchema live, Function<SqlSchema, Projection> projectionOn, ProjectionRunner runner) {
        this.live = live;
        this.projectionOn = projectionOn;
        this.runner = runner;
    }

    @Override
    public String name() {
        return runner.projection().name();
    }

    @Override
    public ProjectionRunner runner() {
        return runner;
    }

    @Override
    public Map<String, String> liveChecksums() {
        return live.checksums();
    }

    @Override
    public Shadow prepareShadow() {
        SqlSchema shadow = live.shadow();
        if (!shadow.hasCurrentLayout()) { // else an interrupted rebuild left it: go on from its checkpoint
            shadow.drop();
            shadow.createUnlogged();
        }
        Projection projection = projectionOn.apply(shadow);
        return new Shadow() {
            @Override
            public Projection projection() {
                return projection;
            }

            @Override
            public Map<String, String> checksums() {
                return shadow.checksums();
            }

            @Override
            public void seal() {
                new ProcessedIds(shadow).restoreIndexes();
                shadow.makeDurable();
            }

            @Override
            public void discard() {
                shadow.drop();
            }
        };
    }

    @Override
    public java.util.List<String> differences(Shadow shadow) {
        return live.differencesFrom(live.shadow(), 5);
    }

    @Override
    public void switchTo(Shadow shadow) {
        live.replaceWith(live.shadow());
    }
}
