package io.lyss.query.usage;

import io.lyss.query.InvalidReportRequest;

/** How a report is returned. */
enum ReportFormat {
    JSON,
    CSV;

    static ReportFormat parse(String format) {
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> JSON;
            case "csv" -> CSV;
            default -> throw new InvalidReportRequest("format", "format must be json or csv");
        };
    }
}
