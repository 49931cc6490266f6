CREATE TABLE users (
    id            bigserial   PRIMARY KEY,
    telegram_id   bigint      NOT NULL UNIQUE,
    username      text        NOT NULL DEFAULT '',
    first_name    text        NOT NULL DEFAULT '',
    last_name     text        NOT NULL DEFAULT '',
    language_code text        NOT NULL DEFAULT '',
    page_size     integer     NOT NULL DEFAULT 8 CHECK (page_size BETWEEN 5 AND 20),
    blocked_bot   boolean     NOT NULL DEFAULT false,
    joined_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
    id         bigserial   PRIMARY KEY,
    owner_id   bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Category names are unique per owner, ignoring case.
CREATE UNIQUE INDEX categories_owner_lower_name_key ON categories (owner_id, lower(name));

CREATE TABLE files (
    id               bigserial   PRIMARY KEY,
    owner_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    telegram_file_id text        NOT NULL,
    file_unique_id   text        NOT NULL,
    name             text        NOT NULL,
    mime_type        text        NOT NULL DEFAULT '',
    size             bigint      NOT NULL DEFAULT 0 CHECK (size >= 0),
    kind             text        NOT NULL
        CHECK (kind IN ('document', 'photo', 'video', 'audio', 'voice', 'animation', 'video_note')),
    -- The Telegram media type of telegram_file_id: it decides the method that sends the file back
    -- (an image sent as a document is a photo to the user but can only go back as a document).
    carrier          text        NOT NULL
        CHECK (carrier IN ('document', 'photo', 'video', 'audio', 'voice', 'animation', 'video_note')),
    category_id      bigint      REFERENCES categories (id) ON DELETE SET NULL,
    caption          text        NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz,
    -- One row per owner and Telegram file_unique_id: the same file sent twice is recognised.
    CONSTRAINT files_owner_unique_id_key UNIQUE (owner_id, file_unique_id)
);

-- Keyset paging over live files, newest first, all kinds or one kind.
CREATE INDEX files_owner_id_idx ON files (owner_id, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_kind_id_idx ON files (owner_id, kind, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_category_id_idx ON files (category_id) WHERE category_id IS NOT NULL;

-- Telegram updates already handled: claimed in the same transaction as their effects.
CREATE TABLE processed_updates (
    update_id    bigint      PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
