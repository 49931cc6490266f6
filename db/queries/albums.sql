-- name: ArriveInAlbum :one
-- A file of the owner's media group arrived: the group's album is made by its first file and
-- found by the others, whichever instance and transaction they come in. The update takes the
-- row's lock, so arrivals of one group count one after another and each sees the confirmation
-- message recorded before it.
INSERT INTO albums (owner_id, media_group_id, created_at, received, added, last_file_at)
VALUES (@owner_id, @media_group_id, @arrived_at, 1, @added, @arrived_at)
ON CONFLICT (owner_id, media_group_id) DO UPDATE SET
    received     = albums.received + 1,
    added        = albums.added + EXCLUDED.added,
    prev_file_at = albums.last_file_at,
    last_file_at = greatest(albums.last_file_at, EXCLUDED.last_file_at)
RETURNING *;

-- name: AddFileToAlbum :execrows
-- A file already in an album stays in it; a file joins only an album of its owner.
UPDATE files SET album_id = @album_id::bigint
WHERE files.id = @file_id AND files.owner_id = @owner_id AND files.album_id IS NULL
    AND EXISTS (SELECT 1 FROM albums WHERE albums.id = @album_id::bigint AND albums.owner_id = @owner_id);

-- name: SetAlbumConfirmation :execrows
UPDATE albums SET chat_id = @chat_id, message_id = @message_id
WHERE id = @id AND owner_id = @owner_id;

-- name: GetAlbum :one
SELECT * FROM albums
WHERE id = @id AND owner_id = @owner_id;

-- name: AlbumExists :one
SELECT EXISTS (SELECT 1 FROM albums WHERE id = $1);

-- name: RenameAlbum :execrows
UPDATE albums SET name = @name
WHERE id = @id AND owner_id = @owner_id;

-- name: ListAlbumFiles :many
-- Every file of the album, live and trashed, oldest first: the order they were sent in.
SELECT * FROM files
WHERE owner_id = @owner_id AND album_id = @album_id::bigint
ORDER BY id;

-- name: SummariseAlbums :many
-- The owner's albums among @ids with what they hold, live files or (@trashed) trashed ones:
-- how many, their kinds in order, their bytes and the first caption. An album holding none of
-- them is left out.
SELECT a.id, a.name, a.created_at, s.files, s.bytes, s.kinds::text[] AS kinds,
    coalesce(s.caption, '')::text AS caption
FROM albums AS a
JOIN LATERAL (
    SELECT count(*) AS files, coalesce(sum(f.size), 0)::bigint AS bytes,
        array_agg(f.kind ORDER BY f.id) AS kinds,
        (array_agg(f.caption ORDER BY f.id) FILTER (WHERE f.caption <> ''))[1] AS caption
    FROM files AS f
    WHERE f.album_id = a.id AND (f.deleted_at IS NOT NULL) = @trashed::boolean
) AS s ON s.files > 0
WHERE a.owner_id = @owner_id AND a.id = ANY (@ids::bigint[]);

-- name: CountAlbumFilesBehind :batchone
-- How many files of a list (not a search) stand behind their album's entry: the album's files
-- the list holds, but for the newest, which it shows. A list's total of entries is its count of
-- files (file_counts) less these.
SELECT count(*) AS behind
FROM files
WHERE files.owner_id = @owner_id AND album_id IS NOT NULL
    AND (deleted_at IS NOT NULL) = @trashed::boolean
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND (newer.deleted_at IS NOT NULL) = @trashed::boolean
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = files.kind)
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = files.category_id)
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL));
