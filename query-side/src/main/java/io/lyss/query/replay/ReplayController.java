package io.lyss.query.replay;

import io.lyss.query.InvalidReportRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replay: {@code POST /admin/v1/projections/{name}/rebuild[?switch=false]} starts a shadow rebuild (202),
 * {@code GET} on the same path tells how it went, with live and rebuilt checksums; {@code GET .../checksum} gives the
 * live copy's checksums; {@code GET /admin/v1/workspaces/{id}/reports/as-of?position=|at=} computes usage and billing
 * from the log as of a position or a moment.
 */
@RestController
class ReplayController {

    private final ReadModels models;
    private final Rebuilds rebuilds;
    private final PointInTimeReports reports;

    ReplayController(ReadModels models, Rebuilds rebuilds, PointInTimeReports reports) {
        this.models = models;
        this.rebuilds = rebuilds;
        this.reports = reports;
    }

    @PostMapping("/admin/v1/projections/{name}/rebuild")
    ResponseEntity<?> rebuild(
            @PathVariable String name, @RequestParam(name = "switch", defaultValue = "true") boolean switchWhenDone) {
        ReadModel model = models.find(name).orElse(null);
        if (model == null) {
            return notFound(name);
        }
        if (!rebuilds.start(model, switchWhenDone)) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A rebuild of " + name + " is running");
            problem.setTitle("Rebuild running");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.accepted()
                .location(URI.create("/admin/v1/projections/" + name + "/rebuild"))
                .body(rebuilds.status(name));
    }

    @GetMapping("/admin/v1/projections/{name}/rebuild")
    ResponseEntity<?> rebuildStatus(@PathVariable String name) {
        Rebuilds.RebuildStatus status = rebuilds.status(name);
        return status == null ? notFound(name) : ResponseEntity.ok(status);
    }

    @GetMapping("/admin/v1/projections/{name}/checksum")
    ResponseEntity<?> checksum(@PathVariable String name) {
        return models.find(name)
                .<ResponseEntity<?>>map(
                        model -> ResponseEntity.ok(Map.of("readModel", name, "checksums", model.liveChecksums())))
                .orElseGet(() -> notFound(name));
    }

    @GetMapping("/admin/v1/workspaces/{workspaceId}/reports/as-of")
    PointInTimeReports.Report asOf(
            @PathVariable String workspaceId,
            @RequestParam(required = false) Long position,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        if (position != null && at != null) {
            throw new InvalidReportRequest("position", "give either position or at, not both");
        }
        if (position != null && position < 0) {
            throw new InvalidReportRequest("position", "position must not be negative");
        }
        return reports.asOf(workspaceId, position, at);
    }

    static ResponseEntity<?> notFound(String name) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No read model or rebuild named " + name);
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
