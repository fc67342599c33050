-- Who did what, when: one row per governance event, with the actor from its envelope.
CREATE TABLE IF NOT EXISTS ${schema}.audit_entry (
    event_id       VARCHAR(64)  PRIMARY KEY,
    global_index   BIGINT       NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    workspace_id   VARCHAR(64)  NOT NULL,
    actor          VARCHAR(300) NOT NULL,
    event_type     VARCHAR(200) NOT NULL,
    aggregate_id   VARCHAR(200) NOT NULL,
    correlation_id VARCHAR(200),
    details        TEXT         NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_entry_by_position ON ${schema}.audit_entry (workspace_id, global_index DESC);
