-- Processed updates are scoped to the bot that received them (a new bot's update ids start
-- anew) and pruned once Telegram can no longer redeliver them.
ALTER TABLE processed_updates ADD COLUMN bot_id bigint NOT NULL DEFAULT 0;
ALTER TABLE processed_updates DROP CONSTRAINT processed_updates_pkey;
ALTER TABLE processed_updates ADD PRIMARY KEY (bot_id, update_id);
CREATE INDEX processed_updates_processed_at ON processed_updates (processed_at);

-- Updates that could not be handled (a permanent error, or a transient one that outlasted its
-- retries): kept with their payload so `filekeeper updates replay` can run them again. The
-- payload is the update's JSON as bytes: text refuses a NUL byte, jsonb an escaped one.
CREATE TABLE parked_updates (
    bot_id    bigint      NOT NULL,
    update_id bigint      NOT NULL,
    payload   bytea       NOT NULL,
    error     text        NOT NULL,
    attempts  integer     NOT NULL,
    parked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, update_id)
);
