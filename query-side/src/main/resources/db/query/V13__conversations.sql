-- Conversations and their messages, for the Dify-compatible conversation API (ADR 0014).
CREATE TABLE conversation (
    workspace_id    VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(100) NOT NULL,
    key_id          VARCHAR(64)  NOT NULL,
    api             VARCHAR(32)  NOT NULL,
    end_user_id     VARCHAR(256),
    name            VARCHAR(200),
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    deleted         BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (workspace_id, conversation_id)
);

CREATE INDEX conversation_by_user ON conversation (workspace_id, end_user_id, updated_at);

CREATE TABLE conversation_message (
    workspace_id     VARCHAR(64)  NOT NULL,
    message_id       VARCHAR(100) NOT NULL,
    conversation_id  VARCHAR(100) NOT NULL,
    seq              BIGSERIAL    NOT NULL,
    question         TEXT,
    answer           TEXT,
    model            VARCHAR(200) NOT NULL,
    finish_reason    VARCHAR(32)  NOT NULL,
    end_user_id      VARCHAR(256),
    rating           VARCHAR(16),
    feedback_content TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (workspace_id, message_id)
);

CREATE INDEX conversation_message_by_conversation ON conversation_message (workspace_id, conversation_id, seq);

-- Ids of the events the conversation projection applied, so an event published twice is applied once.
CREATE TABLE conversation_processed_event (
    projection VARCHAR(100) NOT NULL,
    event_id   VARCHAR(64)  NOT NULL,
    PRIMARY KEY (projection, event_id)
);
