-- Usage per workspace, UTC day, key, end user, model, channel and price version.
CREATE TABLE IF NOT EXISTS ${schema}.usage_daily (
    workspace_id       VARCHAR(64)  NOT NULL,
    day                DATE         NOT NULL,
    key_id             VARCHAR(64)  NOT NULL,
    end_user_id        VARCHAR(200) NOT NULL,
    model              VARCHAR(200) NOT NULL,
    channel_id         VARCHAR(64)  NOT NULL,
    price_version      VARCHAR(64)  NOT NULL,
    requests           BIGINT       NOT NULL,
    estimated_requests BIGINT       NOT NULL,
    prompt_tokens      BIGINT       NOT NULL,
    completion_tokens  BIGINT       NOT NULL,
    cached_tokens      BIGINT       NOT NULL,
    cost_micros        BIGINT       NOT NULL,
    errors             BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, day, key_id, end_user_id, model, channel_id, price_version)
);

-- What answers from the cache saved, per workspace, UTC day, key, model, cache kind and price version.
CREATE TABLE IF NOT EXISTS ${schema}.cache_savings_daily (
    workspace_id            VARCHAR(64)  NOT NULL,
    day                     DATE         NOT NULL,
    key_id                  VARCHAR(64)  NOT NULL,
    model                   VARCHAR(200) NOT NULL,
    kind                    VARCHAR(32)  NOT NULL,
    price_version           VARCHAR(64)  NOT NULL,
    hits                    BIGINT       NOT NULL,
    saved_prompt_tokens     BIGINT       NOT NULL,
    saved_completion_tokens BIGINT       NOT NULL,
    saved_cost_micros       BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, day, key_id, model, kind, price_version)
);

-- Who owns each key (ApiKeyIssued.ownerUserId); joined at query time, so arrival order across partitions is moot.
CREATE TABLE IF NOT EXISTS ${schema}.key_owner (
    key_id        VARCHAR(64)  PRIMARY KEY,
    workspace_id  VARCHAR(64)  NOT NULL,
    owner_user_id VARCHAR(200) NOT NULL
);

-- End users named by TurnCompleted, until the turn's TokensSpent (same aggregate, so later on the same partition).
CREATE TABLE IF NOT EXISTS ${schema}.turn_end_user (
    workspace_id VARCHAR(64)  NOT NULL,
    turn_id      VARCHAR(64)  NOT NULL,
    end_user_id  VARCHAR(200) NOT NULL,
    partition_id INTEGER      NOT NULL,
    kafka_offset BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, turn_id)
);
