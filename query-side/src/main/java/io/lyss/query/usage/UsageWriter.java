package io.lyss.query.usage;

import io.lyss.events.usage.TokensSpent;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.readmodel.SqlSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Adds a fold's sums to the usage tables: one set-based statement per table, whatever the batch size. */
final class UsageWriter {

    private final SqlSchema schema;
    private final JdbcTemplate jdbc;

    UsageWriter(SqlSchema schema) {
        this.schema = schema;
        this.jdbc = schema.jdbc();
    }

    Map<String, String> endUsersOf(List<ProjectedEvent> events) {
        String[] turns = events.stream()
                .filter(e -> e.payload() instanceof TokensSpent)
                .map(e -> ((TokensSpent) e.payload()).requestId())
                .toArray(String[]::new);
        Map<String, String> endUsers = new HashMap<>();
        if (turns.length > 0) {
            jdbc.query(
                    "SELECT turn_id, end_user_id FROM " + schema.table("turn_end_user") + " WHERE turn_id = ANY(?)",
                    row -> {
                        endUsers.put(row.getString(1), row.getString(2));
                    },
                    (Object) turns);
        }
        return endUsers;
    }

    void write(UsageFold fold) {
        writeUsage(fold);
        writeSavings(fold);
        writeOwners(fold);
        writeEndUsers(fold);
    }

    void forgetBefore(long globalIndex) {
        schema.forgetProcessedBefore(globalIndex);
        jdbc.update("DELETE FROM " + schema.table("turn_end_user") + " WHERE global_index < ?", globalIndex);
    }

    private void writeUsage(UsageFold fold) {
        if (fold.usage().isEmpty()) {
            return;
        }
        Columns c = new Columns(fold.usage().size());
        fold.usage().forEach((key, sums) -> {
            c.text(0, key.workspaceId())
                    .text(1, key.day().toString())
                    .text(2, key.keyId())
                    .text(3, key.endUserId());
            c.text(4, key.model()).text(5, key.channelId()).text(6, key.priceVersion());
            c.number(0, sums.requests).number(1, sums.estimatedRequests).number(2, sums.promptTokens);
            c.number(3, sums.completionTokens).number(4, sums.cachedTokens).number(5, sums.costMicros);
            c.number(6, sums.errors).next();
        });
        jdbc.update(
                "INSERT INTO " + schema.table("usage_daily") + " AS u (workspace_id, day, key_id, end_user_id, model,"
                        + " channel_id, price_version, requests, estimated_requests, prompt_tokens, completion_tokens,"
                        + " cached_tokens, cost_micros, errors)"
                        + " SELECT * FROM unnest(?::varchar[], ?::date[], ?::varchar[], ?::varchar[], ?::varchar[],"
                        + " ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
                        + " ?::bigint[], ?::bigint[])"
                        + " ON CONFLICT (workspace_id, day, key_id, end_user_id, model, channel_id, price_version)"
                        + " DO UPDATE SET requests = u.requests + EXCLUDED.requests,"
                        + " estimated_requests = u.estimated_requests + EXCLUDED.estimated_requests,"
                        + " prompt_tokens = u.prompt_tokens + EXCLUDED.prompt_tokens,"
                        + " completion_tokens = u.completion_tokens + EXCLUDED.completion_tokens,"
                        + " cached_tokens = u.cached_tokens + EXCLUDED.cached_tokens,"
                        + " cost_micros = u.cost_micros + EXCLUDED.cost_micros, errors = u.errors + EXCLUDED.errors",
                c.arguments(7, 7));
    }

    private void writeSavings(UsageFold fold) {
        if (fold.savings().isEmpty()) {
            return;
        }
        Columns c = new Columns(fold.savings().size());
        fold.savings().forEach((key, sums) -> {
            c.text(0, key.workspaceId())
                    .text(1, key.day().toString())
                    .text(2, key.keyId())
                    .text(3, key.model());
            c.text(4, key.kind()).text(5, key.priceVersion());
            c.number(0, sums.hits).number(1, sums.savedPromptTokens).number(2, sums.savedCompletionTokens);
            c.number(3, sums.savedCostMicros).next();
        });
        jdbc.update(
                "INSERT INTO " + schema.table("cache_savings_daily") + " AS s (workspace_id, day, key_id, model, kind,"
                        + " price_version, hits, saved_prompt_tokens, saved_completion_tokens, saved_cost_micros)"
                        + " SELECT * FROM unnest(?::varchar[], ?::date[], ?::varchar[], ?::varchar[], ?::varchar[],"
                        + " ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
                        + " ON CONFLICT (workspace_id, day, key_id, model, kind, price_version)"
                        + " DO UPDATE SET hits = s.hits + EXCLUDED.hits,"
                        + " saved_prompt_tokens = s.saved_prompt_tokens + EXCLUDED.saved_prompt_tokens,"
                        + " saved_completion_tokens = s.saved_completion_tokens + EXCLUDED.saved_completion_tokens,"
                        + " saved_cost_micros = s.saved_cost_micros + EXCLUDED.saved_cost_micros",
                c.arguments(6, 4));
    }

    private void writeOwners(UsageFold fold) {
        fold.keyOwners()
                .forEach((keyId, owner) -> jdbc.update(
                        "INSERT INTO " + schema.table("key_owner")
                                + " (key_id, workspace_id, owner_user_id) VALUES (?, ?, ?)"
                                + " ON CONFLICT (key_id) DO UPDATE SET owner_user_id = EXCLUDED.owner_user_id",
                        keyId,
                        owner.workspaceId(),
                        owner.ownerUserId()));
    }

    private void writeEndUsers(UsageFold fold) {
        if (!fold.earlierTurnsConsumed().isEmpty()) {
            jdbc.update("DELETE FROM " + schema.table("turn_end_user") + " WHERE turn_id = ANY(?)", (Object)
                    fold.earlierTurnsConsumed().toArray(String[]::new));
        }
        fold.pendingEndUsers()
                .forEach((turnId, endUser) -> jdbc.update(
                        "INSERT INTO " + schema.table("turn_end_user") + " (turn_id, end_user_id, global_index)"
                                + " VALUES (?, ?, ?) ON CONFLICT (turn_id) DO NOTHING",
                        turnId,
                        endUser,
                        fold.pendingPosition(turnId)));
    }

    /** Column arrays for an {@code unnest} insert: text columns first, then numbers. */
    private static final class Columns {
        private final List<List<String>> texts = new ArrayList<>();
        private final List<List<Long>> numbers = new ArrayList<>();

        Columns(int rows) {
            for (int i = 0; i < 8; i++) {
                texts.add(new ArrayList<>(rows));
                numbers.add(new ArrayList<>(rows));
            }
        }

        Columns text(int column, String value) {
            texts.get(column).add(value);
            return this;
        }

        Columns number(int column, long value) {
            numbers.get(column).add(value);
            return this;
        }

        void next() {}

        Object[] arguments(int textColumns, int numberColumns) {
            Object[] arguments = new Object[textColumns + numberColumns];
            for (int i = 0; i < textColumns; i++) {
                arguments[i] = texts.get(i).toArray(String[]::new);
            }
            for (int i = 0; i < numberColumns; i++) {
                arguments[textColumns + i] = numbers.get(i).toArray(Long[]::new);
            }
            return arguments;
        }
    }
}
