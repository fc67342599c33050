-- Memory projector: its checkpoints, the per-user data keys (crypto-shredding) and memory history.
CREATE TABLE projection_checkpoint (
    projection   VARCHAR(100) NOT NULL,
    partition_id INTEGER      NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (projection, partition_id)
);

-- One AES-256 data key per end user, sealed under the master key. Deleting the row shreds the user's content.
CREATE TABLE user_data_key (
    data_key_id   VARCHAR(64)  PRIMARY KEY,
    workspace_id  VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(256) NOT NULL,
    master_key_id VARCHAR(64)  NOT NULL,
    nonce         VARCHAR(64)  NOT NULL,
    ciphertext    TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, user_id)
);

-- Every memory event, as recorded (content still encrypted), for the history API.
CREATE TABLE memory_history (
    event_id       VARCHAR(64)  PRIMARY KEY,
    memory_id      VARCHAR(64)  NOT NULL,
    workspace_id   VARCHAR(64)  NOT NULL,
    user_id        VARCHAR(256) NOT NULL,
    event          VARCHAR(16)  NOT NULL,
    data_key_id    VARCHAR(64),
    nonce          VARCHAR(64),
    ciphertext     TEXT,
    source_turn_id VARCHAR(64),
    extractor      VARCHAR(200),
    occurred_at    TIMESTAMPTZ  NOT NULL,
    sequence       BIGINT       NOT NULL
);
CREATE INDEX memory_history_by_memory ON memory_history (memory_id, sequence);
CREATE INDEX memory_history_by_user ON memory_history (workspace_id, user_id);

-- End users forgotten, so that turns recorded before the erasure are never mined again.
CREATE TABLE forgotten_user (
    workspace_id VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(256) NOT NULL,
    forgotten_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- The memory model of a workspace, set at runtime; its virtual key sealed under the master key.
CREATE TABLE workspace_memory_model (
    workspace_id  VARCHAR(64)  PRIMARY KEY,
    model         VARCHAR(200) NOT NULL,
    master_key_id VARCHAR(64)  NOT NULL,
    nonce         VARCHAR(64)  NOT NULL,
    ciphertext    TEXT         NOT NULL
);
