-- The tamper-evident audit chain over the event store's global order (ADR 0009): one link per stored event,
-- link = SHA-256(previous link, global index, event id, aggregate, sequence, type, revision, time, payload, metadata).
CREATE TABLE audit_chain (
    global_index     BIGINT       PRIMARY KEY,
    event_identifier VARCHAR(255) NOT NULL,
    link             BYTEA        NOT NULL,
    chained_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
