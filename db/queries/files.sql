-- name: InsertOrRefreshFile :one
-- A file the owner already keeps (same file_unique_id) only gets its telegram_file_id refreshed;
-- created tells whether the row was inserted (xmax is 0 only for a freshly inserted row version).
INSERT INTO files (
    owner_id, telegram_file_id, file_unique_id, name, mime_type, size,
    kind, carrier, category_id, caption, created_at, deleted_at
) VALUES (
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
)
ON CONFLICT (owner_id, file_unique_id) DO UPDATE SET
    telegram_file_id = EXCLUDED.telegram_file_id
RETURNING *, (xmax = 0) AS created;

-- name: GetFile :one
SELECT * FROM files
WHERE id = $1;

-- name: ListFilesAfter :many
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL AND id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: ListFilesBefore :many
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL AND id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: ListFilesByKindAfter :many
SELECT * FROM files
WHERE owner_id = @owner_id AND kind = @kind AND deleted_at IS NULL AND id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: ListFilesByKindBefore :many
SELECT * FROM files
WHERE owner_id = @owner_id AND kind = @kind AND deleted_at IS NULL AND id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: CountFilesByKind :many
SELECT kind, count(*) AS files
FROM files
WHERE owner_id = $1 AND deleted_at IS NULL
GROUP BY kind;
