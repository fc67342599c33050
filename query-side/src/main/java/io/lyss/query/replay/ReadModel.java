package io.lyss.query.replay;

import io.lyss.query.projection.Projection;
import io.lyss.query.projection.ProjectionRunner;
import java.util.Map;

/** A read model as replay sees it: a live projection and its runner, and a way to build and swap in a shadow copy. */
public interface ReadModel {

    String name();

    /** The runner feeding the live copy. */
    ProjectionRunner runner();

    /** Checksums of the live copy (per table or index). */
    Map<String, String> liveChecksums();

    /** Creates an empty shadow copy and the projection that fills it. */
    Shadow prepareShadow();

    /** Makes the shadow the live copy, atomically for readers. */
    void switchTo(Shadow shadow);

    /** A copy being rebuilt. */
    interface Shadow {
        Projection projection();

        Map<String, String> checksums();

        void discard();
    }
}
