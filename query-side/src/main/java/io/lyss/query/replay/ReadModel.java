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

    /** Some rows or documents that differ between the live copy and a shadow (empty when unknown or none). */
    default java.util.List<String> differences(Shadow shadow) {
        return java.util.List.of();
    }

    /** Makes the shadow the live copy, atomically for readers. */
    void switchTo(Shadow shadow);

    /** A copy being rebuilt. */
    interface Shadow {
        Projection projection();

        Map<String, String> checksums();

        /** Makes the filled shadow ready to go live (e.g. crash-safe); called once the bulk of the log is in. */
        void seal();

        void discard();
    }
}
