package io.lyss.query.usage;

import io.lyss.query.InvalidReportRequest;
import java.time.LocalDate;

/** Checks of a reporting period. */
final class Period {

    private Period() {}

    static void check(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidReportRequest("from", "from (" + from + ") is after to (" + to + ")");
        }
    }
}
