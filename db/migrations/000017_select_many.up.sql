-- Select many: each user's selection of files on one list (one row per user, replaced as it
-- changes), kept here so a restart or another instance goes on with it, and forgotten at expires_at.
CREATE TABLE selections (
    owner_id      bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- The list it was made on (domain.FileFilter): '' and 0 mean no such condition.
    kind          text        NOT NULL DEFAULT '',
    category_id   bigint      NOT NULL DEFAULT 0,
    uncategorised boolean     NOT NULL DEFAULT false,
    trashed       boolean     NOT NULL DEFAULT false,
    search_id     bigint      NOT NULL DEFAULT 0,
    tag_id        bigint      NOT NULL DEFAULT 0,
    -- In the order they were picked; bounded as domain.MaxSelection says.
    file_ids      bigint[]    NOT NULL DEFAULT '{}' CHECK (cardinality(file_ids) <= 100),
    expires_at    timestamptz NOT NULL
);

-- A move, delete or restore of many files at once, kept to be undone in one step.
CREATE TABLE batches (
    id          bigserial   PRIMARY KEY,
    owner_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action      text        NOT NULL CHECK (action IN ('move', 'trash', 'restore')),
    -- Where a move put the files. No foreign key: a deleted category leaves the batch as it was
    -- (its files' category became none, which the undo sees as a change since).
    category_id bigint,
    at          timestamptz NOT NULL,
    undone_at   timestamptz
);
CREATE INDEX batches_owner_id_idx ON batches (owner_id, id DESC);

-- Each file of a batch as it was before the batch. No foreign keys to files or categories: a file
-- deleted for good or a category gone is told as what could not be undone.
CREATE TABLE batch_files (
    batch_id    bigint      NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    file_id     bigint      NOT NULL,
    category_id bigint,
    deleted_at  timestamptz,
    PRIMARY KEY (batch_id, file_id)
);
