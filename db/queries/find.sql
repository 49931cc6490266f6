-- name: GetFileByUniqueID :one
SELECT * FROM files
WHERE owner_id = @owner_id AND file_unique_id = @file_unique_id;

-- name: FileUsage :many
-- One row per kind and state (live or trashed): the adapter adds them up.
SELECT kind, (deleted_at IS NULL)::boolean AS live, count(*) AS files, coalesce(sum(size), 0)::bigint AS bytes
FROM files
WHERE owner_id = @owner_id
GROUP BY kind, (deleted_at IS NULL);

-- name: SearchFilesAfter :many
-- The owner's live files whose name or caption matches @pattern, a LIKE pattern the adapter
-- builds with the query's own %, _ and \ escaped ('%50\%%'). Both sides are lowercased by
-- lower(), the expression the trigram indexes are built on; kind, category and uncategorised
-- narrow the search as they narrow a list. Run with a custom plan (the pattern known to the
-- planner), this is a BitmapOr of files_name_trgm_idx and files_caption_trgm_idx.
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL
    AND (lower(name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(caption) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND id < @after_id
ORDER BY id DESC
LIMIT @max_rows;

-- name: SearchFilesBefore :many
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL
    AND (lower(name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(caption) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND id > @before_id
ORDER BY id ASC
LIMIT @max_rows;

-- name: SearchFilesByPrefixAfter :many
-- As SearchFilesAfter for a short prefix ('ab%', at most 8 characters before the %): ranges on
-- files_owner_name_prefix_idx and files_owner_caption_prefix_idx, which keeps a caption's first
-- 32 characters; lowercasing never makes 8 characters more than 32.
SELECT * FROM files
WHERE owner_id = @owner_id AND deleted_at IS NULL
    AND (lower(name) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(caption), 32) LIKE lower(@pattern::text) ESCAPE '\')
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
        OR left(lower(caption), 32) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR category_id IS NULL)
    AND id > @before_id
ORDER BY id ASC
LIMIT @max_rows;
