package io.lyss.query.health;

import io.lyss.query.projection.DeadLetters;
import io.lyss.query.projection.ProjectionStatus;
import io.lyss.query.replay.ReadModel;
import io.lyss.query.replay.ReadModels;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Projection health as Micrometer meters, tagged {@code projection=<name>}: {@code lyss.projection.lag} (records
 * behind the topic end), {@code lyss.projection.position} (last global index applied),
 * {@code lyss.projection.events.applied} and {@code lyss.projection.dead.letters}.
 */
public final class ProjectionMetrics {

    public ProjectionMetrics(MeterRegistry registry, ReadModels models, DeadLetters deadLetters) {
        for (ReadModel model : models.all()) {
            ProjectionStatus status = model.runner().status();
            String name = model.name();
            Gauge.builder("lyss.projection.lag", status, ProjectionStatus::totalLag)
                    .tag("projection", name)
                    .description("Records of the event topic not yet read by the projection")
                    .register(registry);
            Gauge.builder("lyss.projection.position", status, ProjectionStatus::lastGlobalIndex)
                    .tag("projection", name)
                    .description("Global index of the last event the projection applied")
                    .register(registry);
            FunctionCounter.builder("lyss.projection.events.applied", status, ProjectionStatus::eventsApplied)
                    .tag("projection", name)
                    .register(registry);
            Gauge.builder("lyss.projection.dead.letters", deadLetters, letters -> letters.count(name))
                    .tag("projection", name)
                    .description("Events parked by the projection")
                    .register(registry);
        }
    }
}
