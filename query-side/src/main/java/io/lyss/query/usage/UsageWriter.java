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
        List<TokensSpent> spends = events.stream()
                .filter(e -> e.payload() instanceof TokensSpent)
                .map(e -> (TokensSpent) e.payload())
                .toList();
        Map<String, String> endUsers = new HashMap<>();
        if (!spends.isEmpty()) {
            jdbc.query(
                    "SELECT t.workspace_id, t.turn_id, t.end_user_id FROM " + schema.table("turn_end_user") + " t"
                            + " JOIN unnest(?::varchar[], ?::varchar[]) AS s (workspace_id, turn_id)"
                            + " ON s.workspace_id = t.workspace_id AND s.turn_id = t.turn_id",
                    row -> {
                        endUsers.put(UsageFold.turnKey(row.getString(1), row.getString(2)), row.getString(3));
                    },
                    spends.stream().map(TokensSpent::workspaceId).toArray(String[]::new),
                    spends.stream().map(TokensSpent::requestId).toArray(String[]::new));
        }
        return endUsers;
    }

    /** End users of turns whose spend has not come yet, by turn key (to resume a rebuild). */
    void forEachWaitingEndUser(java.util.function.BiConsumer<String, String> consumer) {
        jdbc.query("SELECT workspace_id, turn_id, end_user_id FROM " + schema.table("turn_end_user"), row -> {
            consumer.accept(UsageFold.turnKey(row.getString(1), row.getString(2)), row.getString(3));
        });
    }

    void write(UsageFold fold) {
        writeUsage(fold);
        writeSavings(fold);
        writeOwners(fold);
        writeEndUsers(fold);
    }

    /** Forgets end users of turns whose spend never came, far behind the slowest partition. */
    void forgetEndUsersBefore(int partition, long offset) {
        jdbc.update(
                "DELETE FROM " + schema.table("turn_end_user") + " WHERE partition_id = ? AND kafka_offset < ?",
                partition,
                offset);
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
        if (fold.keyOwners().isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(fold.keyOwners().keySet());
        jdbc.update(
                "INSERT INTO " + schema.table("key_owner") + " (key_id, workspace_id, owner_user_id)"
                        + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[])"
                        + " ON CONFLICT (key_id) DO UPDATE SET owner_user_id = EXCLUDED.owner_user_id",
                keys.toArray(String[]::new),
                keys.stream().map(k -> fold.keyOwners().get(k).workspaceId()).toArray(String[]::new),
                keys.stream().map(k -> fold.keyOwners().get(k).ownerUserId()).toArray(String[]::new));
    }

    /** Forgets the end users of turns whose spend this fold consumed and keeps those still waiting, set-based. */
    private void writeEndUsers(UsageFold fold) {
        if (!fold.earlierTurnsConsumed().isEmpty()) {
            List<String[]> consumed =
                    fold.earlierTurnsConsumed().stream().map(UsageWriter::split).toList();
            jdbc.update(
                    "DELETE FROM " + schema.table("turn_end_user") + " t USING unnest(?::varchar[], ?::varchar[])"
                            + " AS c (workspace_id, turn_id)"
                            + " WHERE t.workspace_id = c.workspace_id AND t.turn_id = c.turn_id",
                    consumed.stream().map(p -> p[0]).toArray(String[]::new),
                    consumed.stream().map(p -> p[1]).toArray(String[]::new));
        }
        if (!fold.pendingEndUsers().isEmpty()) {
            List<String> turns = new ArrayList<>(fold.pendingEndUsers().keySet());
            jdbc.update(
                    "INSERT INTO " + schema.table("turn_end_user")
                            + " (workspace_id, turn_id, end_user_id, partition_id, kafka_offset)"
                            + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::bigint[])"
                            + " ON CONFLICT (workspace_id, turn_id) DO NOTHING",
                    turns.stream().map(t -> split(t)[0]).toArray(String[]::new),
                    turns.stream().map(t -> split(t)[1]).toArray(String[]::new),
                    turns.stream().map(fold.pendingEndUsers()::get).toArray(String[]::new),
                    turns.stream().map(t -> fold.pendingPosition(t).partition()).toArray(Integer[]::new),
                    turns.stream().map(t -> fold.pendingPosition(t).offset()).toArray(Long[]::new));
        }
    }

    private static String[] split(String turnKey) {
        return turnKey.split("/", 2);
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
