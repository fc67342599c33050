package io.lyss.query.usage;

import io.lyss.query.InvalidReportRequest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the usage read model: sums grouped by the dimensions asked for, within one workspace. */
public final class UsageQueries {

    /** Dimensions a report can group by, in the order columns appear, with the SQL that yields each. */
    static final Map<String, String> DIMENSIONS = dimensions();

    private final JdbcTemplate jdbc;
    private final String schema;

    public UsageQueries(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Optional filters; null means any. */
    record Filter(LocalDate from, LocalDate to, String keyId, String ownerUserId, String endUserId, String model) {}

    /** One row of a usage report: the dimensions grouped by (others null) and the sums. */
    public record UsageRow(
            LocalDate day,
            String keyId,
            String ownerUserId,
            String endUserId,
            String model,
            String channelId,
            String priceVersion,
            long requests,
            long estimatedRequests,
            long errors,
            long promptTokens,
            long completionTokens,
            long totalTokens,
            long cachedTokens,
            long costMicros) {}

    List<UsageRow> usage(String workspaceId, List<String> groupBy, Filter filter) {
        for (String dimension : groupBy) {
            if (!DIMENSIONS.containsKey(dimension)) {
                throw new InvalidReportRequest(
                        "groupBy", "Unknown dimension '" + dimension + "'; use any of " + DIMENSIONS.keySet());
            }
        }
        List<String> ordered =
                DIMENSIONS.keySet().stream().filter(groupBy::contains).toList();
        List<String> selected = new ArrayList<>();
        for (String dimension : DIMENSIONS.keySet()) {
            selected.add((ordered.contains(dimension) ? DIMENSIONS.get(dimension) : "NULL") + " AS " + dimension);
        }
        String groups = ordered.isEmpty()
                ? ""
                : " GROUP BY "
                        + String.join(
                                ", ", ordered.stream().map(DIMENSIONS::get).toList()) + " ORDER BY "
                        + String.join(
                                ", ", ordered.stream().map(DIMENSIONS::get).toList());
        List<Object> arguments = new ArrayList<>(List.of(workspaceId));
        String where = where(filter, arguments);
        return jdbc
                .query(
                        "SELECT " + String.join(", ", selected)
                                + ", sum(requests) AS requests, sum(estimated_requests) AS estimated, sum(errors) AS errors,"
                                + " sum(prompt_tokens) AS prompt, sum(completion_tokens) AS completion,"
                                + " sum(cached_tokens) AS cached, sum(cost_micros) AS cost"
                                + " FROM " + schema + ".usage_daily u LEFT JOIN " + schema
                                + ".key_owner o ON o.key_id = u.key_id"
                                + " WHERE u.workspace_id = ?" + where + groups,
                        (row, i) -> new UsageRow(
                                row.getDate("day") == null
                                        ? null
                                        : row.getDate("day").toLocalDate(),
                                row.getString("key"),
                                row.getString("owner"),
                                row.getString("endUser"),
                                row.getString("model"),
                                row.getString("channel"),
                                row.getString("priceVersion"),
                                row.getLong("requests"),
                                row.getLong("estimated"),
                                row.getLong("errors"),
                                row.getLong("prompt"),
                                row.getLong("completion"),
                                row.getLong("prompt") + row.getLong("completion"),
                                row.getLong("cached"),
                                row.getLong("cost")),
                        arguments.toArray())
                .stream()
                .filter(row -> !ordered.isEmpty() || row.requests() + row.errors() > 0)
                .toList();
    }

    /** One line of a bill: what a model cost under one price version, and when that version was in force. */
    public record BillingLine(
            String priceVersion,
            String model,
            LocalDate firstDay,
            LocalDate lastDay,
            long requests,
            long promptTokens,
            long completionTokens,
            long cachedTokens,
            long costMicros) {}

    List<BillingLine> billing(String workspaceId, LocalDate from, LocalDate to) {
        return jdbc.query(
                "SELECT price_version, model, min(day) AS first_day, max(day) AS last_day, sum(requests) AS requests,"
                        + " sum(prompt_tokens) AS prompt, sum(completion_tokens) AS completion,"
                        + " sum(cached_tokens) AS cached, sum(cost_micros) AS cost FROM " + schema + ".usage_daily"
                        + " WHERE workspace_id = ? AND day >= ? AND day <= ? AND requests > 0"
                        + " GROUP BY price_version, model ORDER BY price_version, model",
                (row, i) -> new BillingLine(
                        row.getString("price_version"),
                        row.getString("model"),
                        row.getDate("first_day").toLocalDate(),
                        row.getDate("last_day").toLocalDate(),
                        row.getLong("requests"),
                        row.getLong("prompt"),
                        row.getLong("completion"),
                        row.getLong("cached"),
                        row.getLong("cost")),
                workspaceId,
                Date.valueOf(from),
                Date.valueOf(to));
    }

    /** What the cache saved, per model, kind and price version. */
    public record SavingsLine(
            String model,
            String kind,
            String priceVersion,
            long hits,
            long savedPromptTokens,
            long savedCompletionTokens,
            long savedCostMicros) {}

    List<SavingsLine> savings(String workspaceId, LocalDate from, LocalDate to) {
        return jdbc.query(
                "SELECT model, kind, price_version, sum(hits) AS hits, sum(saved_prompt_tokens) AS prompt,"
                        + " sum(saved_completion_tokens) AS completion, sum(saved_cost_micros) AS cost FROM " + schema
                        + ".cache_savings_daily WHERE workspace_id = ? AND day >= ? AND day <= ?"
                        + " GROUP BY model, kind, price_version ORDER BY model, kind, price_version",
                (row, i) -> new SavingsLine(
                        row.getString("model"),
                        row.getString("kind"),
                        row.getString("price_version"),
                        row.getLong("hits"),
                        row.getLong("prompt"),
                        row.getLong("completion"),
                        row.getLong("cost")),
                workspaceId,
                Date.valueOf(from),
                Date.valueOf(to));
    }

    private static String where(Filter filter, List<Object> arguments) {
        StringBuilder where = new StringBuilder();
        if (filter.from() != null) {
            where.append(" AND u.day >= ?");
            arguments.add(Date.valueOf(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND u.day <= ?");
            arguments.add(Date.valueOf(filter.to()));
        }
        addEquals(where, arguments, "u.key_id", filter.keyId());
        addEquals(where, arguments, "coalesce(o.owner_user_id, '')", filter.ownerUserId());
        addEquals(where, arguments, "u.end_user_id", filter.endUserId());
        addEquals(where, arguments, "u.model", filter.model());
        return where.toString();
    }

    private static void addEquals(StringBuilder where, List<Object> arguments, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            arguments.add(value);
        }
    }

    private static Map<String, String> dimensions() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("day", "u.day");
        dimensions.put("key", "u.key_id");
        dimensions.put("owner", "coalesce(o.owner_user_id, '')");
        dimensions.put("endUser", "u.end_user_id");
        dimensions.put("model", "u.model");
        dimensions.put("channel", "u.channel_id");
        dimensions.put("priceVersion", "u.price_version");
        return dimensions;
    }
}
