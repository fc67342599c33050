package io.lyss.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.query.InvalidReportRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/v1/workspaces/{id}/audit}: the workspace's audit log, newest first, filterable by actor
 * ({@code USER:u_1}, {@code ADMIN_TOKEN:bootstrap-admin}...), event type, and time; page with {@code before} (the
 * {@code globalIndex} of the last entry seen).
 */
@RestController
class AuditController {

    private static final int MAX_LIMIT = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    AuditController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record AuditEntry(
            String eventId,
            long globalIndex,
            Instant occurredAt,
            String actor,
            String type,
            String aggregateId,
            String correlationId,
            JsonNode details) {}

    record AuditPage(String workspaceId, List<AuditEntry> entries, Long nextBefore) {}

    @GetMapping("/admin/v1/workspaces/{workspaceId}/audit")
    AuditPage audit(
            @PathVariable String workspaceId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidReportRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidReportRequest("from", "from is after to");
        }
        StringBuilder sql =
                new StringBuilder("SELECT * FROM " + AuditProjection.SCHEMA + ".audit_entry WHERE workspace_id = ?");
        List<Object> arguments = new ArrayList<>(List.of(workspaceId));
        if (actor != null) {
            sql.append(" AND actor = ?");
            arguments.add(actor);
        }
        if (type != null) {
            sql.append(" AND event_type = ?");
            arguments.add(type);
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at <= ?");
            arguments.add(Timestamp.from(to));
        }
        if (before != null) {
            sql.append(" AND global_index < ?");
            arguments.add(before);
        }
        sql.append(" ORDER BY global_index DESC, event_id LIMIT ?");
        arguments.add(limit);
        List<AuditEntry> entries = jdbc.query(
                sql.toString(),
                (row, i) -> new AuditEntry(
                        row.getString("event_id"),
                        row.getLong("global_index"),
                        row.getTimestamp("occurred_at").toInstant(),
                        row.getString("actor"),
                        row.getString("event_type"),
                        row.getString("aggregate_id"),
                        row.getString("correlation_id"),
                        parse(row.getString("details"))),
                arguments.toArray());
        Long next = entries.size() == limit ? entries.getLast().globalIndex() : null;
        return new AuditPage(workspaceId, entries, next);
    }

    private JsonNode parse(String details) {
        try {
            return json.readTree(details);
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }
}
