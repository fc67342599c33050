package io.lyss.query.usage;

import io.lyss.query.InvalidReportRequest;
import io.lyss.query.export.Csv;
import io.lyss.query.usage.UsageQueries.BillingLine;
import io.lyss.query.usage.UsageQueries.SavingsLine;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/v1/workspaces/{id}/billing?from&to}: the bill for a period (default: this UTC month so far),
 * one line per price version and model with the days that version was in force, and what the cache saved.
 * {@code format=csv} returns the lines as CSV. {@code GET .../cache-savings} lists the savings alone.
 */
@RestController
class BillingController {

    private static final int MAX_PERIOD_DAYS = 3660;
    private static final List<String> CSV_COLUMNS = List.of(
            "price_version",
            "model",
            "first_day",
            "last_day",
            "requests",
            "prompt_tokens",
            "completion_tokens",
            "cached_tokens",
            "cost_micros");

    private final UsageQueries queries;

    BillingController(UsageQueries queries) {
        this.queries = queries;
    }

    record Bill(
            String workspaceId,
            LocalDate from,
            LocalDate to,
            List<BillingLine> lines,
            long totalCostMicros,
            long cacheSavedCostMicros) {}

    record CacheSavings(
            String workspaceId, LocalDate from, LocalDate to, List<SavingsLine> lines, long totalSavedMicros) {}

    @GetMapping("/admin/v1/workspaces/{workspaceId}/billing")
    ResponseEntity<?> billing(
            @PathVariable String workspaceId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "json") String format) {
        ReportFormat output = ReportFormat.parse(format);
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.withDayOfMonth(1);
        checkPeriod(start, end);
        List<BillingLine> lines = queries.billing(workspaceId, start, end);
        if (output == ReportFormat.CSV) {
            Csv csv = new Csv(CSV_COLUMNS);
            lines.forEach(line -> csv.row(Arrays.asList(
                    line.priceVersion(),
                    line.model(),
                    line.firstDay(),
                    line.lastDay(),
                    line.requests(),
                    line.promptTokens(),
                    line.completionTokens(),
                    line.cachedTokens(),
                    line.costMicros())));
            return csv.download("billing-" + workspaceId + "-" + start + "-" + end + ".csv");
        }
        long saved = queries.savings(workspaceId, start, end).stream()
                .mapToLong(SavingsLine::savedCostMicros)
                .sum();
        return ResponseEntity.ok(new Bill(
                workspaceId,
                start,
                end,
                lines,
                lines.stream().mapToLong(BillingLine::costMicros).sum(),
                saved));
    }

    @GetMapping("/admin/v1/workspaces/{workspaceId}/cache-savings")
    CacheSavings savings(
            @PathVariable String workspaceId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.withDayOfMonth(1);
        checkPeriod(start, end);
        List<SavingsLine> lines = queries.savings(workspaceId, start, end);
        return new CacheSavings(
                workspaceId,
                start,
                end,
                lines,
                lines.stream().mapToLong(SavingsLine::savedCostMicros).sum());
    }

    private static void checkPeriod(LocalDate start, LocalDate end) {
        Period.check(start, end);
        if (start.plusDays(MAX_PERIOD_DAYS).isBefore(end)) {
            throw new InvalidReportRequest("from", "a period spans at most " + MAX_PERIOD_DAYS + " days");
        }
    }
}
