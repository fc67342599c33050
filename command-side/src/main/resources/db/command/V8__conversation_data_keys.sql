-- Data keys that seal the personal content of turns (ADR 0026): one per subject (user:<end user> or key:<key id>)
-- of a workspace, itself sealed under the master key. Deleting a row shreds every turn sealed with it.
CREATE TABLE conversation_data_key (
    data_key_id   VARCHAR(64)  PRIMARY KEY,
    workspace_id  VARCHAR(64)  NOT NULL,
    subject       VARCHAR(300) NOT NULL,
    master_key_id VARCHAR(64)  NOT NULL,
    nonce         VARCHAR(64)  NOT NULL,
    ciphertext    TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, subject)
);
