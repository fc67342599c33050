-- Events a projection could not apply, parked so it can go on; visible and retryable through the admin API.
CREATE TABLE dead_letter (
    id              BIGSERIAL    PRIMARY KEY,
    projection      VARCHAR(100) NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    event_type      VARCHAR(200),
    partition_id    INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    record          TEXT         NOT NULL,
    error           TEXT         NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 1,
    parked_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (projection, event_id)
);

-- PostgreSQL read models now live in a schema each (lyss_rm_*) with their own checkpoint and processed ids (ADR 0022);
-- the usage tables of V1 are rebuilt there from the log.
DROP TABLE usage_daily;
DROP TABLE processed_event;
DELETE FROM projection_checkpoint WHERE projection IN ('usage', 'turn-index');
