-- The reply outbox: what the bot is to say in answer to an update, recorded in the same
-- transaction as the update's effects and sent right after the commit. A row left behind (the
-- process died between the commit and the send, or the Bot API could not be reached) is sent
-- by the job engine once its lease expires; a row is deleted once its reply is delivered.
CREATE TABLE reply_outbox (
    -- Chosen by the instance recording the reply (time-ordered), not by a sequence: the INSERT
    -- returns nothing the update waits for and goes to PostgreSQL with COMMIT.
    id          bigint      PRIMARY KEY,
    bot_id      bigint      NOT NULL,
    update_id   bigint      NOT NULL,
    -- The reply's actions as the Telegram adapter encodes them (its own versioned JSON).
    payload     bytea       NOT NULL,
    -- How many of the actions are done; uncertain: the next one may have been done too (its
    -- call went out and no answer came back).
    delivered   integer     NOT NULL DEFAULT 0 CHECK (delivered >= 0),
    uncertain   boolean     NOT NULL DEFAULT false,
    -- Until then the reply is being sent by whoever holds it (the instance that recorded it, or
    -- a sweep); after, a sweep takes it.
    lease_until timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL
);
CREATE INDEX reply_outbox_lease_until ON reply_outbox (lease_until);
