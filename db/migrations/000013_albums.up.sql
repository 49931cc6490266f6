-- Albums: files a user sent together as one Telegram media group. Their messages arrive as
-- separate updates, maybe in different getUpdates batches, after a restart or at different
-- webhook instances: the group is found here by (owner, media_group_id), never in memory.
-- The row is also the group's arrival state: how many of its files came, how many were new, when
-- the last two came (the grouping window), and the one message that confirms them all.
CREATE TABLE albums (
    id             bigserial   PRIMARY KEY,
    owner_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    media_group_id text        NOT NULL,
    -- '' until the user names it: the album is shown by its first caption or its date.
    name           text        NOT NULL DEFAULT '' CHECK (char_length(name) <= 64),
    created_at     timestamptz NOT NULL DEFAULT now(),
    received       integer     NOT NULL DEFAULT 0,
    added          integer     NOT NULL DEFAULT 0,
    last_file_at   timestamptz NOT NULL DEFAULT now(),
    -- When the file before the last one came; NULL while the group has had one file.
    prev_file_at   timestamptz,
    -- The confirmation message (0: not sent yet) the group's later files edit.
    chat_id        bigint      NOT NULL DEFAULT 0,
    message_id     integer     NOT NULL DEFAULT 0,
    CONSTRAINT albums_owner_media_group_key UNIQUE (owner_id, media_group_id)
);

-- The album a file belongs to; a file sent again in another album keeps its first one.
ALTER TABLE files ADD COLUMN album_id bigint REFERENCES albums (id) ON DELETE SET NULL;

-- An album's files, in order; and, for the lists that show an album once, its newer files.
CREATE INDEX files_album_id_idx ON files (album_id, id) WHERE album_id IS NOT NULL;
-- The owner's files in albums, for the count of those a list shows behind their album's entry.
CREATE INDEX files_owner_album_idx ON files (owner_id, album_id) WHERE album_id IS NOT NULL;
