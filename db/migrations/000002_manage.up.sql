-- Managing files: lists by category, uncategorised and trash, the purge of the trash, and the
-- state of multi-step conversations.

-- One multi-step flow per user (rename a file, name a new category, upload into a category ...),
-- kept here with an expiry so a restart or another instance continues it. file_id and
-- category_id have no foreign key on purpose: the flow only remembers what it is about, and a file
-- or category gone meanwhile is found missing when the flow ends, not refused when it starts.
CREATE TABLE conversations (
    user_id     bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    step        text        NOT NULL
        CHECK (step IN ('rename_file', 'new_category', 'rename_category', 'upload')),
    file_id     bigint,
    category_id bigint,
    context     text        NOT NULL DEFAULT '',
    expires_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Keyset paging over live files of one category, newest first.
CREATE INDEX files_owner_category_id_idx ON files (owner_id, category_id, id DESC)
    WHERE deleted_at IS NULL;
-- Keyset paging over live files in no category, newest first.
CREATE INDEX files_owner_uncategorised_id_idx ON files (owner_id, id DESC)
    WHERE deleted_at IS NULL AND category_id IS NULL;
-- Keyset paging over the trash, newest first.
CREATE INDEX files_owner_trashed_id_idx ON files (owner_id, id DESC)
    WHERE deleted_at IS NOT NULL;
-- The purge takes the files trashed longest ago first.
CREATE INDEX files_deleted_at_idx ON files (deleted_at)
    WHERE deleted_at IS NOT NULL;
