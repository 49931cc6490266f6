-- name: CreateShare :one
-- A token that exists inserts nothing and returns no row: the duplicate is reported without a
-- unique violation, so the transaction stays usable.
INSERT INTO shares (token, owner_id, file_id, category_id, album_id, created_at, revoked_at, uses,
    expires_at, max_viewers, viewers, protect)
VALUES (@token, @owner_id, @file_id, @category_id, @album_id, @created_at, @revoked_at, @uses,
    @expires_at, @max_viewers, @viewers, @protect)
ON CONFLICT (token) DO NOTHING
RETURNING *;

-- name: GetShare :one
-- Only the owner's share (see GetFile).
SELECT * FROM shares
WHERE id = @id AND owner_id = @owner_id;

-- name: ShareExists :one
-- Whether any share has that id: someone else's, after GetShare found none of the owner's.
SELECT EXISTS (SELECT 1 FROM shares WHERE id = $1);

-- name: GetShareByToken :one
SELECT * FROM shares
WHERE token = $1;

-- name: ListActiveShares :many
-- Each link with the name of what it shares: the file's, the category's or the album's (its name,
-- or else its first caption; '' with neither: the view names it by album_created_at).
SELECT sqlc.embed(shares), coalesce(files.name, categories.name, nullif(albums.name, ''), (
        SELECT af.caption FROM files af WHERE af.album_id = albums.id AND af.caption <> ''
        ORDER BY af.id LIMIT 1), '')::text AS target_name,
    albums.created_at AS album_created_at
FROM shares
LEFT JOIN files ON files.id = shares.file_id
LEFT JOIN categories ON categories.id = shares.category_id
LEFT JOIN albums ON albums.id = shares.album_id
WHERE shares.owner_id = @owner_id AND shares.revoked_at IS NULL
ORDER BY shares.id DESC;

-- name: ListActiveSharesAfter :many
-- A page of ListActiveShares: the links below @after_id, newest first (shares_owner_active_idx).
SELECT sqlc.embed(shares), coalesce(files.name, categories.name, nullif(albums.name, ''), (
        SELECT af.caption FROM files af WHERE af.album_id = albums.id AND af.caption <> ''
        ORDER BY af.id LIMIT 1), '')::text AS target_name,
    albums.created_at AS album_created_at
FROM shares
LEFT JOIN files ON files.id = shares.file_id
LEFT JOIN categories ON categories.id = shares.category_id
LEFT JOIN albums ON albums.id = shares.album_id
WHERE shares.owner_id = @owner_id AND shares.revoked_at IS NULL AND shares.id < @after_id
ORDER BY shares.id DESC
LIMIT @max_rows;

-- name: ListActiveSharesBefore :many
-- The page before: the links above @before_id, oldest first (the use case reverses them).
SELECT sqlc.embed(shares), coalesce(files.name, categories.name, nullif(albums.name, ''), (
        SELECT af.caption FROM files af WHERE af.album_id = albums.id AND af.caption <> ''
        ORDER BY af.id LIMIT 1), '')::text AS target_name,
    albums.created_at AS album_created_at
FROM shares
LEFT JOIN files ON files.id = shares.file_id
LEFT JOIN categories ON categories.id = shares.category_id
LEFT JOIN albums ON albums.id = shares.album_id
WHERE shares.owner_id = @owner_id AND shares.revoked_at IS NULL AND shares.id > @before_id
ORDER BY shares.id ASC
LIMIT @max_rows;

-- name: CountActiveShares :one
SELECT count(*) FROM shares
WHERE owner_id = $1 AND revoked_at IS NULL;

-- name: CountLiveShares :one
-- The owner's links that still give something at @at: neither revoked nor expired (a link full of
-- people still serves them, so it counts).
SELECT count(*) FROM shares
WHERE owner_id = @owner_id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @at::timestamptz);

-- name: RevokeShare :execrows
-- A share revoked before keeps its first revocation time. No row affected means the owner has
-- no such share.
UPDATE shares SET revoked_at = coalesce(revoked_at, @revoked_at::timestamptz)
WHERE id = @id AND owner_id = @owner_id;

-- name: RevokeFileShares :execrows
UPDATE shares SET revoked_at = @revoked_at::timestamptz
WHERE file_id = @file_id::bigint AND revoked_at IS NULL;

-- name: CountShareUse :execrows
UPDATE shares SET uses = uses + 1
WHERE id = $1;

-- name: SetShareLimits :execrows
-- No row affected means the owner has no such share.
UPDATE shares SET expires_at = @expires_at, max_viewers = @max_viewers, protect = @protect
WHERE id = @id AND owner_id = @owner_id;

-- name: TakeShareSeat :execrows
-- A new viewer takes one of the link's places, if one is free (max_viewers 0: no limit). The row
-- lock of the UPDATE orders viewers who race for the last place: the second one re-reads viewers
-- and finds it full.
UPDATE shares SET viewers = viewers + 1
WHERE id = $1 AND (max_viewers = 0 OR viewers < max_viewers);
