-- Users the admins banned, by Telegram id: a banned user may be one the bot never met, so no
-- reference to users. Every update of a user is screened against it by its primary key.
CREATE TABLE bans (
    telegram_id bigint      PRIMARY KEY CHECK (telegram_id > 0),
    banned_by   bigint      NOT NULL,
    banned_at   timestamptz NOT NULL,
    -- When the banned user was told they are banned: once, then nothing more is said.
    told_at     timestamptz
);
