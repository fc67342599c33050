package io.lyss.query.health;

import io.lyss.query.projection.DeadLetters;
import io.lyss.query.projection.ProjectionStatus;
import io.lyss.query.replay.ReadModel;
import io.lyss.query.replay.ReadModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health of the projections: {@code GET /admin/v1/projections} (position, lag, parked events of each),
 * {@code GET /admin/v1/projections/{name}/dead-letters} and {@code POST .../dead-letters/{id}/retry}.
 */
@RestController
class ProjectionHealthController {

    private final ReadModels models;
    private final DeadLetters deadLetters;

    ProjectionHealthController(ReadModels models, DeadLetters deadLetters) {
        this.models = models;
        this.deadLetters = deadLetters;
    }

    record ProjectionHealth(
            String name,
            boolean running,
            Map<Integer, Long> positions,
            Map<Integer, Long> lag,
            long totalLag,
            long lastGlobalIndex,
            Instant lastEventAt,
            Instant lastBatchAt,
            long eventsApplied,
            long deadLetters,
            String lastFailure) {}

    @GetMapping("/admin/v1/projections")
    List<ProjectionHealth> projections() {
        return models.all().stream().map(this::health).toList();
    }

    @GetMapping("/admin/v1/projections/{name}")
    ResponseEntity<?> projection(@PathVariable String name) {
        return models.find(name)
                .<ResponseEntity<?>>map(model -> ResponseEntity.ok(health(model)))
                .orElseGet(() -> notFound("No read model named " + name));
    }

    @GetMapping("/admin/v1/projections/{name}/dead-letters")
    ResponseEntity<?> deadLetters(@PathVariable String name) {
        if (models.find(name).isEmpty()) {
            return notFound("No read model named " + name);
        }
        return ResponseEntity.ok(deadLetters.list(name));
    }

    @PostMapping("/admin/v1/projections/{name}/dead-letters/{id}/retry")
    ResponseEntity<?> retry(@PathVariable String name, @PathVariable long id) {
        ReadModel model = models.find(name).orElse(null);
        if (model == null) {
            return notFound("No read model named " + name);
        }
        DeadLetters.DeadLetter letter = deadLetters.find(name, id).orElse(null);
        if (letter == null) {
            return notFound("No parked event " + id + " in " + name);
        }
        DeadLetters.RetryOutcome outcome = model.runner()
                .whilePaused(() -> deadLetters.retry(model.runner().projection(), letter))
                .join();
        if (!outcome.applied()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "The event failed again and stays parked: " + outcome.error());
            problem.setTitle("Retry failed");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.ok(Map.of("id", id, "applied", true));
    }

    private ProjectionHealth health(ReadModel model) {
        ProjectionStatus status = model.runner().status();
        return new ProjectionHealth(
                model.name(),
                model.runner().isRunning(),
                status.positions(),
                status.lags(),
                status.totalLag(),
                status.lastGlobalIndex(),
                status.lastEventAt(),
                status.lastBatchAt(),
                status.eventsApplied(),
                deadLetters.count(model.name()),
                status.lastFailure());
    }

    private static ResponseEntity<?> notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
