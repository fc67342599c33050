CREATE TABLE projection_checkpoint (
    projection   VARCHAR(100) NOT NULL,
    partition_id INTEGER      NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (projection, partition_id)
);

CREATE TABLE processed_event (
    projection VARCHAR(100) NOT NULL,
    event_id   VARCHAR(64)  NOT NULL,
    PRIMARY KEY (projection, event_id)
);

-- Usage per workspace, key, model, channel and UTC day.
CREATE TABLE usage_daily (
    workspace_id       VARCHAR(64)  NOT NULL,
    key_id             VARCHAR(64)  NOT NULL,
    model              VARCHAR(200) NOT NULL,
    channel_id         VARCHAR(64)  NOT NULL,
    day                DATE         NOT NULL,
    requests           BIGINT       NOT NULL,
    estimated_requests BIGINT       NOT NULL,
    prompt_tokens      BIGINT       NOT NULL,
    completion_tokens  BIGINT       NOT NULL,
    cached_tokens      BIGINT       NOT NULL,
    cost_micros        BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, key_id, model, channel_id, day)
);
