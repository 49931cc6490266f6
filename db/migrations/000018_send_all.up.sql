-- "⬇ Send all": the files of a list, fixed when it was pressed, sent back by a job group after
-- group; sent counts those done from the first, so a restart goes on where it stopped.
CREATE TABLE bulk_sends (
    id         bigserial   PRIMARY KEY,
    owner_id   bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id    bigint      NOT NULL,
    message_id integer     NOT NULL DEFAULT 0,
    -- No foreign keys: a file deleted for good meanwhile is skipped.
    file_ids   bigint[]    NOT NULL CHECK (cardinality(file_ids) BETWEEN 1 AND 5000),
    sent       integer     NOT NULL DEFAULT 0 CHECK (sent BETWEEN 0 AND cardinality(file_ids)),
    state      text        NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'stopped', 'done')),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- One send-all under way per user.
CREATE UNIQUE INDEX bulk_sends_running_key ON bulk_sends (owner_id) WHERE state = 'running';
