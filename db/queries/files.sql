-- name: InsertOrRefreshFile :one
-- A file the owner already keeps (same file_unique_id) only gets its telegram_file_id refreshed,
-- and its caption replaced by a new one (the newest caption is the one searched; sent again
-- without one, it keeps its own); created tells whether the row was inserted (xmax is 0 only for
-- a freshly inserted row version).
INSERT INTO files (
    owner_id, telegram_file_id, file_unique_id, name, mime_type, size,
    kind, carrier, category_id, caption, created_at, deleted_at, rename_pending, bot_id,
    origin_kind, origin_name, origin_date
) VALUES (
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
)
ON CONFLICT (owner_id, file_unique_id) DO UPDATE SET
    telegram_file_id = EXCLUDED.telegram_file_id,
    bot_id = COALESCE(EXCLUDED.bot_id, files.bot_id),
    -- The new file id shows the name the file came with this time (domain.File.RenamableInTelegram).
    rename_pending = EXCLUDED.rename_pending OR (files.name <> EXCLUDED.name
        AND files.carrier IN ('document', 'audio', 'video', 'animation') AND files.size <= 20971520),
    caption = CASE WHEN EXCLUDED.caption <> '' THEN EXCLUDED.caption ELSE files.caption END,
    -- A file kept from one forward keeps that origin; one kept unforwarded learns it from a forward.
    origin_kind = CASE WHEN files.origin_kind = '' THEN EXCLUDED.origin_kind ELSE files.origin_kind END,
    origin_name = CASE WHEN files.origin_kind = '' THEN EXCLUDED.origin_name ELSE files.origin_name END,
    origin_date = CASE WHEN files.origin_kind = '' THEN EXCLUDED.origin_date ELSE files.origin_date END
RETURNING *, (xmax = 0) AS created;

-- name: GetFile :one
-- Only the owner's file: a read by id never returns someone else's row, even when a check in Go
-- is forgotten.
SELECT * FROM files
WHERE id = @id AND owner_id = @owner_id;

-- name: GetFileForUpdate :one
-- GetFile for a change of the file: the row is locked until the transaction ends, so the change
-- finds it as read (FOR NO KEY UPDATE: what an UPDATE of its non-key columns takes anyway).
SELECT * FROM files
WHERE id = @id AND owner_id = @owner_id
FOR NO KEY UPDATE;

-- name: FileExists :one
-- Whether any file has that id: after GetFile found none, this tells someone else's file (a
-- forged or replayed button) from a file that is gone, without reading the other owner's row.
SELECT EXISTS (SELECT 1 FROM files WHERE id = $1);

-- name: ListFilesAfter :many
-- A list shows an album once: as its newest file the list holds (the lists below alike).
SELECT * FROM files
WHERE files.owner_id = @owner_id AND deleted_at IS NULL
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL))
    AND files.id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: ListFilesBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND deleted_at IS NULL
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL))
    AND files.id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: ListFilesByKindAfter :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.kind = @kind AND deleted_at IS NULL
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL AND newer.kind = files.kind))
    AND files.id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: ListFilesByKindBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.kind = @kind AND deleted_at IS NULL
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL AND newer.kind = files.kind))
    AND files.id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: CountFilesByKind :many
-- Counts are read from file_counts, which triggers on files keep (migration 000016).
SELECT kind, sum(files)::bigint AS files
FROM file_counts
WHERE owner_id = $1 AND NOT trashed
GROUP BY kind
HAVING sum(files) > 0;

-- name: ListFilesByCategoryAfter :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id = @category_id::bigint AND deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL AND newer.category_id = files.category_id
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)))
    AND files.id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: ListFilesByCategoryBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id = @category_id::bigint AND deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL AND newer.category_id = files.category_id
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)))
    AND files.id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: ListUncategorisedFilesAfter :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND category_id IS NULL AND deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL AND newer.category_id IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)))
    AND files.id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: ListUncategorisedFilesBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND category_id IS NULL AND deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL AND newer.category_id IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)))
    AND files.id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: ListTrashedFilesAfter :many
-- The trash is small and short-lived: kind and category narrow it as optional filters.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND deleted_at IS NOT NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NOT NULL AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = files.category_id)
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL)))
    AND files.id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: ListTrashedFilesBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND deleted_at IS NOT NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NOT NULL AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = files.category_id)
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL)))
    AND files.id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: CountUncategorisedFiles :batchone
-- Read with the list of categories, which shows it (the categories' screen).
SELECT coalesce(sum(files), 0)::bigint FROM file_counts
WHERE owner_id = $1 AND category_id = 0 AND NOT trashed;

-- name: CountTrashedFiles :batchone
SELECT coalesce(sum(files), 0)::bigint FROM file_counts
WHERE owner_id = $1 AND trashed;

-- name: UpdateFile :batchone
-- The fields rename, move, trash and restore change, and the copies of the name and the trash
-- state its tags keep (file_tags); no row counted means no such file.
WITH updated AS (
    UPDATE files SET
        name           = @name,
        category_id    = @category_id,
        deleted_at     = @deleted_at,
        rename_pending = @rename_pending
    WHERE files.id = @id AND files.owner_id = @owner_id
    RETURNING files.id, files.name, files.deleted_at
), tagged AS (
    UPDATE file_tags SET name_key = lower(updated.name), trashed = updated.deleted_at IS NOT NULL
    FROM updated
    WHERE file_tags.file_id = updated.id
)
SELECT count(*) FROM updated;

-- name: ReplaceTelegramFileID :execrows
-- The file was uploaded again under its name: Telegram knows it by a new file id. A file whose id
-- changed meanwhile (sent again) is left alone.
UPDATE files SET telegram_file_id = @new_file_id, rename_pending = false
WHERE id = @id AND owner_id = @owner_id AND telegram_file_id = @old_file_id;

-- name: DeleteFile :execrows
DELETE FROM files
WHERE id = @id AND owner_id = @owner_id;


-- name: PurgeTrashedFiles :execrows
-- Several instances may purge at once: SKIP LOCKED makes each take files the others have not
-- locked, so a file is deleted once and no purge waits for another.
DELETE FROM files
WHERE id IN (
    SELECT trashed.id FROM files AS trashed
    WHERE trashed.deleted_at < @cutoff::timestamptz
    ORDER BY trashed.deleted_at
    LIMIT @max_rows
    FOR UPDATE SKIP LOCKED
);

-- name: EmptyTrash :execrows
-- Every file in one owner's trash, for good.
DELETE FROM files
WHERE owner_id = $1 AND deleted_at IS NOT NULL;

-- name: CountFileList :batchone
-- How many files a list holds (not a search: see CountSearchHits), from file_counts.
SELECT coalesce(sum(files), 0)::bigint AS total
FROM file_counts
WHERE owner_id = @owner_id AND trashed = @trashed::boolean
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id = 0);

-- name: CountNewerInList :one
-- How many entries of a list (not a search) are newer than @newer_than: which page a list opened
-- at a file is on, when no button said so (a flow returning to its list). It counts them; an
-- album is one entry, as the list shows it.
SELECT count(*) AS newer
FROM files
WHERE files.owner_id = @owner_id
    AND (deleted_at IS NOT NULL) = @trashed::boolean
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND files.id > @newer_than::bigint
    AND (album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND (newer.deleted_at IS NOT NULL) = @trashed::boolean
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = files.category_id)
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL)));

-- name: GetFileByUniqueID :one
SELECT * FROM files
WHERE owner_id = @owner_id AND file_unique_id = @file_unique_id;

-- name: FileUsage :many
-- One row per kind and state (live or trashed): the adapter adds them up.
SELECT kind, (NOT trashed)::boolean AS live, sum(files)::bigint AS files, sum(bytes)::bigint AS bytes
FROM file_counts
WHERE owner_id = @owner_id
GROUP BY kind, trashed
HAVING sum(files) > 0;

-- A search of a word is in two parts. The planner cannot know how many of one owner's files a
-- word matches (it takes the owner and the word as independent): walking the owner's files newest
-- first is best for a word in many of them and ruinous for a word only others have (every file
-- of the table read to find none: 300+ ms on 1M files), and the trigram indexes the other way
-- round. So the adapter first looks among the owner's @window newest files past the cursor
-- (SearchFilesRecent*, a bounded walk), and only when those do not fill the page, past them with
-- the trigram indexes (SearchFiles*), ordered by an expression no index has so that the planner
-- cannot choose the walk.

-- name: SearchFilesRecentAfter :many
SELECT files.* FROM files
JOIN (
    SELECT w.id FROM files w
    WHERE w.owner_id = @owner_id AND w.deleted_at IS NULL
        AND (sqlc.narg(kind)::text IS NULL OR w.kind = sqlc.narg(kind))
        AND (sqlc.narg(category_id)::bigint IS NULL OR w.category_id = sqlc.narg(category_id))
        AND (NOT @uncategorised::boolean OR w.category_id IS NULL)
        AND w.id < @after_id
    ORDER BY w.id DESC
    LIMIT @window_size
) recent USING (id)
WHERE lower(files.name) LIKE lower(@pattern::text) ESCAPE '\' OR lower(files.caption) LIKE lower(@pattern::text) ESCAPE '\'
    OR lower(files.origin_name) LIKE lower(@pattern::text) ESCAPE '\'
ORDER BY files.id DESC
LIMIT @max_rows;

-- name: SearchFilesRecentBefore :many
SELECT files.* FROM files
JOIN (
    SELECT w.id FROM files w
    WHERE w.owner_id = @owner_id AND w.deleted_at IS NULL
        AND (sqlc.narg(kind)::text IS NULL OR w.kind = sqlc.narg(kind))
        AND (sqlc.narg(category_id)::bigint IS NULL OR w.category_id = sqlc.narg(category_id))
        AND (NOT @uncategorised::boolean OR w.category_id IS NULL)
        AND w.id > @before_id
    ORDER BY w.id ASC
    LIMIT @window_size
) recent USING (id)
WHERE lower(files.name) LIKE lower(@pattern::text) ESCAPE '\' OR lower(files.caption) LIKE lower(@pattern::text) ESCAPE '\'
    OR lower(files.origin_name) LIKE lower(@pattern::text) ESCAPE '\'
ORDER BY files.id ASC
LIMIT @max_rows;

-- name: SearchWindowAfter :one
-- Where SearchFilesRecentAfter's window ends: how many files it held and the oldest one's id.
SELECT count(*) AS files, coalesce(min(id), 0)::bigint AS edge FROM (
    SELECT id FROM files
    WHERE owner_id = @owner_id AND deleted_at IS NULL
        AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
        AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
        AND (NOT @uncategorised::boolean OR category_id IS NULL)
        AND id < @after_id
    ORDER BY id DESC
    LIMIT @window_size
) w;

-- name: SearchWindowBefore :one
SELECT count(*) AS files, coalesce(max(id), 0)::bigint AS edge FROM (
    SELECT id FROM files
    WHERE owner_id = @owner_id AND deleted_at IS NULL
        AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
        AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
        AND (NOT @uncategorised::boolean OR category_id IS NULL)
        AND id > @before_id
    ORDER BY id ASC
    LIMIT @window_size
) w;

-- name: SearchFilesAfter :many
-- The owner's live files whose name, caption or origin (a forward's channel or sender) matches
-- @pattern, a LIKE pattern the adapter builds with the query's own %, _ and \ escaped
-- ('%50\%%'). Both sides are lowercased by lower(), the expression the trigram indexes are
-- built on; kind, category and uncategorised narrow the search as they narrow a list. Run with a custom plan (the pattern known to the
-- planner), this is a BitmapAnd of the owner's files with a BitmapOr of files_name_trgm_idx,
-- files_caption_trgm_idx and files_origin_name_trgm_idx (id + 0: see above).
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL
    AND (lower(name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(caption) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(origin_name) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND id < @after_id
ORDER BY id + 0 DESC
LIMIT @max_rows;

-- name: SearchFilesBefore :many
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL
    AND (lower(name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(caption) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(origin_name) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND id > @before_id
ORDER BY id + 0 ASC
LIMIT @max_rows;

-- name: SearchFilesByPrefixAfter :many
-- As SearchFilesAfter for a short prefix ('ab%', at most 8 characters before the %): ranges on
-- files_owner_name_prefix_idx, files_owner_caption_prefix_idx and files_owner_origin_prefix_idx,
-- which keep a caption's and an origin's first 32 characters; lowercasing never makes 8
-- characters more than 32.
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL
    AND (lower(name) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(caption), 32) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(origin_name), 32) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: SearchFilesByPrefixBefore :many
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL
    AND (lower(name) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(caption), 32) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(origin_name), 32) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: TotalUsage :many
-- One row per kind and state (live or trashed), every owner together: the adapter adds them up.
SELECT kind, (NOT trashed)::boolean AS live, sum(files)::bigint AS files, sum(bytes)::bigint AS bytes
FROM file_counts
GROUP BY kind, trashed
HAVING sum(files) > 0;

-- name: DeleteFilesOfOwner :execrows
-- Every file of one owner, live or trashed, for good (a banned user's, by an admin).
DELETE FROM files
WHERE owner_id = $1;

-- name: RebindFile :execrows
-- A file id of bot_id replaces the file's, unless the file id changed since it was read.
UPDATE files SET telegram_file_id = @new_id, bot_id = @bot_id
WHERE id = @id AND telegram_file_id = @old_id;

-- name: AdoptUnboundFiles :execrows
-- Files kept before bots were recorded: their file ids are the running bot's.
UPDATE files SET bot_id = @bot_id WHERE bot_id IS NULL;

-- name: SetFileStorageCopy :execrows
-- At most one copy per file: a second is not recorded.
UPDATE files SET storage_chat_id = @chat_id, storage_message_id = @message_id
WHERE id = @id AND storage_message_id IS NULL;

-- name: ListFilesToRebind :many
-- Every owner's files (the trash too) whose file id is another bot's and that have a copy.
SELECT * FROM files
WHERE bot_id <> @bot_id::bigint AND storage_message_id IS NOT NULL AND id > @after_id
ORDER BY id
LIMIT @max_rows;

-- name: ListUnreachableFiles :many
-- Every owner's files whose file id is another bot's, with no copy to take it from.
SELECT * FROM files
WHERE bot_id <> @bot_id::bigint AND storage_message_id IS NULL AND id > @after_id
ORDER BY id
LIMIT @max_rows;

-- name: ListUncopiedFiles :many
-- Every owner's files with no copy in the storage chat (the trash too: it can be restored).
SELECT * FROM files
WHERE storage_message_id IS NULL AND id > @after_id
ORDER BY id
LIMIT @max_rows;

-- name: CountStorage :one
-- Of one owner's files (owner 0: everyone's), those with a copy and those the bot cannot send.
SELECT count(*) FILTER (WHERE storage_message_id IS NOT NULL) AS copied,
       count(*) FILTER (WHERE bot_id <> @bot_id::bigint AND storage_message_id IS NULL) AS unreachable
FROM files
WHERE @owner_id::bigint = 0 OR owner_id = @owner_id;

-- name: SetFileCaption :execrows
-- The caption was edited in Telegram (edited_message): the newest caption is the one searched.
UPDATE files SET caption = @caption
WHERE id = @id AND owner_id = @owner_id;

-- name: GetFileOfAnyOwner :one
-- The job engine's read of a file to copy to the storage chat: no user asks, so no owner.
SELECT * FROM files WHERE id = $1;
