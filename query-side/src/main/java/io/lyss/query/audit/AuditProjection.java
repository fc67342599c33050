package io.lyss.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.projection.Projection;
import io.lyss.query.projection.RecordDecoder;
import io.lyss.query.readmodel.SqlSchema;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log: every governance event with who caused it (the envelope's actor), when, and a secret-free copy of
 * its payload. Rows are keyed by event id, so a re-delivered event is one row; rows and checkpoint commit together.
 */
public final class AuditProjection implements Projection {

    public static final String NAME = "audit";
    public static final String SCHEMA = "lyss_rm_audit";
    /** Payload fields never copied into the audit log, even sealed or hashed. */
    private static final Set<String> WITHHELD =
            Set.of("secret", "keyHash", "ciphertext", "nonce", "password", "passwordHash", "token", "key");

    private final SqlSchema schema;
    private final List<String> auditedContexts;
    private final ObjectMapper json = EventJson.newMapper();

    /** @param auditedContexts event contexts (catalogue name prefixes, e.g. {@code governance}) to record */
    public AuditProjection(SqlSchema schema, List<String> auditedContexts) {
        this.schema = schema;
        this.auditedContexts = List.copyOf(auditedContexts);
    }

    public static SqlSchema schema(JdbcTemplate jdbc, TransactionTemplate transactions, String name) {
        return new SqlSchema(jdbc, transactions, name, "/io/lyss/query/audit/audit.sql", List.of("audit_entry"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(String eventType) {
        return auditedContexts.stream().anyMatch(context -> eventType.startsWith(context + "."));
    }

    /** The audit log copies the payload's JSON, so it needs the envelope's payload tree. */
    @Override
    public RecordDecoder decoder() {
        return RecordDecoder.full();
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return schema.checkpoint();
    }

    @Override
    public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
        JdbcTemplate jdbc = schema.jdbc();
        schema.transactions().executeWithoutResult(status -> {
            schema.relaxCommit();
            for (ProjectedEvent event : events) {
                EventEnvelope envelope = event.envelope();
                jdbc.update(
                        "INSERT INTO " + schema.table("audit_entry") + " (event_id, global_index, occurred_at,"
                                + " workspace_id, actor, event_type, aggregate_id, correlation_id, details)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                        envelope.eventId(),
                        envelope.globalIndex(),
                        Timestamp.from(envelope.occurredAt()),
                        envelope.workspaceId(),
                        envelope.actor() == null ? "" : envelope.actor(),
                        envelope.type(),
                        envelope.aggregateId() == null ? "" : envelope.aggregateId(),
                        envelope.correlationId(),
                        details(envelope.payload()));
            }
            schema.saveCheckpoint(nextOffsets);
        });
    }

    private String details(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return "{}";
        }
        ObjectNode copy = payload.deepCopy();
        withhold(copy);
        return copy.toString();
    }

    private static void withhold(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (WITHHELD.contains(field)) {
                    names.remove();
                } else {
                    withhold(object.get(field));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AuditProjection::withhold);
        }
    }
}
