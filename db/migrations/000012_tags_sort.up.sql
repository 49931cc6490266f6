-- Tags (many per file, a file's #hashtags among them) and the orders a user lists files in.

-- A user's tags: one word each, kept lowercased, unique per owner.
CREATE TABLE tags (
    id         bigserial   PRIMARY KEY,
    owner_id   bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text        COLLATE "C" NOT NULL CHECK (char_length(name) BETWEEN 1 AND 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_owner_name_key UNIQUE (owner_id, name)
);

-- Which files carry which tag. A tag's files are listed in every order by keyset, so the row
-- carries what the orders and the filters need of its file (its owner, lowercased name, size,
-- kind and whether it is trashed): a page is a range of one index here, joined to files for its
-- few rows only. The statement that renames, trashes or restores a file keeps them up to date.
CREATE TABLE file_tags (
    tag_id   bigint  NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    file_id  bigint  NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    owner_id bigint  NOT NULL,
    name_key text    COLLATE "C" NOT NULL,
    size     bigint  NOT NULL,
    kind     text    NOT NULL,
    trashed  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tag_id, file_id)
);
-- A file's tags (the card, the export, the cascade when a file is deleted).
CREATE INDEX file_tags_file_id_idx ON file_tags (file_id);
-- A tag's live files in each order: newest/oldest, name, size.
CREATE INDEX file_tags_owner_tag_id_idx ON file_tags (owner_id, tag_id, file_id) WHERE NOT trashed;
CREATE INDEX file_tags_owner_tag_name_idx ON file_tags (owner_id, tag_id, name_key, file_id) WHERE NOT trashed;
CREATE INDEX file_tags_owner_tag_size_idx ON file_tags (owner_id, tag_id, size, file_id) WHERE NOT trashed;

-- The order every list is shown in, per user.
ALTER TABLE users
    ADD COLUMN sort_order text NOT NULL DEFAULT 'newest'
        CHECK (sort_order IN ('newest', 'oldest', 'name', 'size'));

-- Keyset paging by name (A to Z, lowercased and compared byte by byte, then id, as in Go) and by size (largest first, then id) for
-- each list that pages by id: every file, one kind, one category, the uncategorised, the trash.
-- Newest and oldest walk the id indexes of 000001 and 000002, one way or the other.
CREATE INDEX files_owner_name_idx ON files (owner_id, (lower(name) COLLATE "C"), id) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_size_idx ON files (owner_id, size, id) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_kind_name_idx ON files (owner_id, kind, (lower(name) COLLATE "C"), id) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_kind_size_idx ON files (owner_id, kind, size, id) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_category_name_idx ON files (owner_id, category_id, (lower(name) COLLATE "C"), id)
    WHERE deleted_at IS NULL;
CREATE INDEX files_owner_category_size_idx ON files (owner_id, category_id, size, id)
    WHERE deleted_at IS NULL;
CREATE INDEX files_owner_uncategorised_name_idx ON files (owner_id, (lower(name) COLLATE "C"), id)
    WHERE deleted_at IS NULL AND category_id IS NULL;
CREATE INDEX files_owner_uncategorised_size_idx ON files (owner_id, size, id)
    WHERE deleted_at IS NULL AND category_id IS NULL;
CREATE INDEX files_owner_trashed_name_idx ON files (owner_id, (lower(name) COLLATE "C"), id) WHERE deleted_at IS NOT NULL;
CREATE INDEX files_owner_trashed_size_idx ON files (owner_id, size, id) WHERE deleted_at IS NOT NULL;

-- A flow returns to a tag's list, and to the page number it was at.
ALTER TABLE conversations
    ADD COLUMN return_tag_id      bigint  NOT NULL DEFAULT 0,
    ADD COLUMN return_cursor_page integer NOT NULL DEFAULT 0;
