package io.lyss.query.usage;

import io.lyss.query.export.Csv;
import io.lyss.query.usage.UsageQueries.UsageRow;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/v1/workspaces/{id}/usage}: usage of one workspace grouped by the dimensions asked for
 * ({@code groupBy=day,key,owner,endUser,model,channel,priceVersion}), optionally filtered; {@code format=csv} for a
 * CSV download with a stable column order.
 */
@RestController
class UsageController {

    private static final String DEFAULT_GROUPING = "day,key,model,channel";
    private static final List<String> CSV_COLUMNS = List.of(
            "day",
            "key_id",
            "owner_user_id",
            "end_user_id",
            "model",
            "channel_id",
            "price_version",
            "requests",
            "estimated_requests",
            "errors",
            "prompt_tokens",
            "completion_tokens",
            "total_tokens",
            "cached_tokens",
            "cost_micros");

    private final UsageQueries queries;

    UsageController(UsageQueries queries) {
        this.queries = queries;
    }

    /** The report: its rows and their sum. */
    record UsageReport(String workspaceId, List<String> groupBy, List<UsageRow> rows, Totals totals) {}

    record Totals(
            long requests,
            long errors,
            long promptTokens,
            long completionTokens,
            long totalTokens,
            long cachedTokens,
            long costMicros) {}

    @GetMapping("/admin/v1/workspaces/{workspaceId}/usage")
    ResponseEntity<?> usage(
            @PathVariable String workspaceId,
            @RequestParam(defaultValue = DEFAULT_GROUPING) String groupBy,
            @RequestParam(required = false) String keyId,
            @RequestParam(required = false) String ownerUserId,
            @RequestParam(required = false) String endUserId,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "json") String format) {
        ReportFormat output = ReportFormat.parse(format);
        Period.check(from, to);
        List<String> dimensions = Arrays.stream(groupBy.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        List<UsageRow> rows = queries.usage(
                workspaceId, dimensions, new UsageQueries.Filter(from, to, keyId, ownerUserId, endUserId, model));
        if (output == ReportFormat.CSV) {
            Csv csv = new Csv(CSV_COLUMNS);
            rows.forEach(row -> csv.row(Arrays.asList(
                    row.day(),
                    row.keyId(),
                    row.ownerUserId(),
                    row.endUserId(),
                    row.model(),
                    row.channelId(),
                    row.priceVersion(),
                    row.requests(),
                    row.estimatedRequests(),
                    row.errors(),
                    row.promptTokens(),
                    row.completionTokens(),
                    row.totalTokens(),
                    row.cachedTokens(),
                    row.costMicros())));
            return csv.download("usage-" + workspaceId + ".csv");
        }
        var totals = new Totals(
                rows.stream().mapToLong(UsageRow::requests).sum(),
                rows.stream().mapToLong(UsageRow::errors).sum(),
                rows.stream().mapToLong(UsageRow::promptTokens).sum(),
                rows.stream().mapToLong(UsageRow::completionTokens).sum(),
                rows.stream().mapToLong(UsageRow::totalTokens).sum(),
                rows.stream().mapToLong(UsageRow::cachedTokens).sum(),
                rows.stream().mapToLong(UsageRow::costMicros).sum());
        return ResponseEntity.ok(new UsageReport(workspaceId, dimensions, rows, totals));
    }
}
