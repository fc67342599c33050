package io.lyss.query.usage;

import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/v1/workspaces/{id}/usage}: usage rows of one workspace, optionally for one key and dates. */
@RestController
class UsageController {

    private final JdbcTemplate jdbc;

    UsageController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the usage report. */
    record UsageRow(
            LocalDate day,
            String keyId,
            String model,
            String channelId,
            long requests,
            long estimatedRequests,
            long promptTokens,
            long completionTokens,
            long totalTokens,
            long cachedTokens,
            long costMicros) {}

    /** The report: its rows and their sum. */
    record UsageReport(String workspaceId, List<UsageRow> rows, Totals totals) {}

    record Totals(long requests, long promptTokens, long completionTokens, long totalTokens, long costMicros) {}

    @GetMapping("/admin/v1/workspaces/{workspaceId}/usage")
    UsageReport usage(
            @PathVariable String workspaceId,
            @RequestParam(required = false) String keyId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        List<UsageRow> rows = jdbc.query(
                """
                SELECT day, key_id, model, channel_id, requests, estimated_requests, prompt_tokens, completion_tokens,
                       cached_tokens, cost_micros
                FROM lyss_query.usage_daily
                WHERE workspace_id = ?
                  AND (CAST(? AS VARCHAR) IS NULL OR key_id = ?)
                  AND (CAST(? AS DATE) IS NULL OR day >= ?)
                  AND (CAST(? AS DATE) IS NULL OR day <= ?)
                ORDER BY day, key_id, model, channel_id
                """,
                (row, i) -> new UsageRow(
                        row.getDate("day").toLocalDate(),
                        row.getString("key_id"),
                        row.getString("model"),
                        row.getString("channel_id"),
                        row.getLong("requests"),
                        row.getLong("estimated_requests"),
                        row.getLong("prompt_tokens"),
                        row.getLong("completion_tokens"),
                        row.getLong("prompt_tokens") + row.getLong("completion_tokens"),
                        row.getLong("cached_tokens"),
                        row.getLong("cost_micros")),
                workspaceId,
                keyId,
                keyId,
                from,
                from,
                to,
                to);
        var totals = new Totals(
                rows.stream().mapToLong(UsageRow::requests).sum(),
                rows.stream().mapToLong(UsageRow::promptTokens).sum(),
                rows.stream().mapToLong(UsageRow::completionTokens).sum(),
                rows.stream().mapToLong(UsageRow::totalTokens).sum(),
                rows.stream().mapToLong(UsageRow::costMicros).sum());
        return new UsageReport(workspaceId, rows, totals);
    }
}
