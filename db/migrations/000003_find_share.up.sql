-- Find and share: search over names and captions, user settings, saved searches and share links.
--
-- Case-insensitive search lowercases with lower(), which folds letters beyond ASCII only in a UTF8
-- database whose LC_CTYPE knows them (e.g. C.UTF-8 or en_US.UTF-8, not C); pg_trgm takes its
-- notion of a letter from the same LC_CTYPE.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Substring search: lower(name) LIKE '%...%' OR lower(caption) LIKE '%...%' is a BitmapOr of these
-- two trigram indexes, the owner, the trash and the page a filter on what they find. When most of
-- an owner's files match, the planner walks their files newest first instead and stops at the
-- page's end. The search indexes are not partial (WHERE deleted_at IS NULL), though only live
-- files are searched: ANALYZE gathers statistics on the expressions of an index, and the planner
-- uses those of a full index only; without them it guesses how many files a pattern matches, and
-- takes a rare word for a common one. The trash they also hold is small and short-lived.
-- fastupdate is off: files come one at a time, and a pending list (up to 4 MB of entries not yet
-- in the index, read in full by every search until a vacuum merges them) would cost each search
-- milliseconds to save each insert a fraction of one.
CREATE INDEX files_name_trgm_idx ON files USING gin (lower(name) gin_trgm_ops)
    WITH (fastupdate = off);
CREATE INDEX files_caption_trgm_idx ON files USING gin (lower(caption) gin_trgm_ops)
    WITH (fastupdate = off);

-- Prefix search for queries too short for trigrams: LIKE 'ab%' becomes a range on these. A
-- caption may be longer than a btree entry can be (about 2700 bytes), so only its first 32
-- characters are indexed; the queries compare prefixes of at most 8 characters against them.
CREATE INDEX files_owner_name_prefix_idx ON files (owner_id, lower(name) text_pattern_ops);
CREATE INDEX files_owner_caption_prefix_idx ON files (owner_id, left(lower(caption), 32) text_pattern_ops);

-- Settings: the language chosen ('' follows the Telegram language) and where uploads go.
ALTER TABLE users
    ADD COLUMN language text NOT NULL DEFAULT '' CHECK (language IN ('', 'en', 'ru')),
    ADD COLUMN default_category_id bigint REFERENCES categories (id) ON DELETE SET NULL;
-- Deleting a category finds the users whose default it is without reading every user.
CREATE INDEX users_default_category_id_idx ON users (default_category_id)
    WHERE default_category_id IS NOT NULL;

-- The flow that waits for a search query.
ALTER TABLE conversations
    DROP CONSTRAINT conversations_step_check,
    ADD CONSTRAINT conversations_step_check
        CHECK (step IN ('rename_file', 'new_category', 'rename_category', 'upload', 'search'));

-- The queries users ran, so the pages of their results can be turned by id. Nothing refers to a
-- search but a button; old ones may be deleted by age (created_at) whenever that is wanted.
CREATE TABLE searches (
    id         bigserial   PRIMARY KEY,
    owner_id   bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX searches_created_at_idx ON searches (created_at);

-- Share links: an unguessable token for one file or one category. A link dies with what it
-- shares (ON DELETE CASCADE); revoking keeps the row, so an old link says it was revoked.
CREATE TABLE shares (
    id          bigserial   PRIMARY KEY,
    token       text        NOT NULL UNIQUE,
    owner_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_id     bigint      REFERENCES files (id) ON DELETE CASCADE,
    category_id bigint      REFERENCES categories (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    uses        integer     NOT NULL DEFAULT 0 CHECK (uses >= 0),
    CONSTRAINT shares_one_target_check CHECK ((file_id IS NULL) <> (category_id IS NULL))
);
-- The owner's active links, newest first.
CREATE INDEX shares_owner_active_idx ON shares (owner_id, id DESC) WHERE revoked_at IS NULL;
-- Revoking a file's links, and the cascades when a file or category is deleted.
CREATE INDEX shares_file_id_idx ON shares (file_id) WHERE file_id IS NOT NULL;
CREATE INDEX shares_category_id_idx ON shares (category_id) WHERE category_id IS NOT NULL;
