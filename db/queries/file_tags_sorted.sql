-- Keyset pages of a tag's live files in every order, over the file_tags indexes: the row holds
-- its file's sort keys, so each page is a range of one index (page), and only its rows are joined
-- to files by id: a join of the whole tag, however planned, would grow with its depth. The cursor
-- rules are those of files_sorted.sql.

-- name: ListTagFilesAfter :many
WITH page AS (
    SELECT ft.file_id, ft.name_key, ft.size FROM file_tags ft
    WHERE ft.owner_id = @owner_id AND ft.tag_id = @tag_id AND NOT ft.trashed
        AND (sqlc.narg(kind)::text IS NULL OR ft.kind = sqlc.narg(kind))
        AND ft.file_id < @cursor_id::bigint
    ORDER BY ft.file_id DESC
    LIMIT @max_rows
)
SELECT f.* FROM page JOIN files f ON f.id = page.file_id
ORDER BY page.file_id DESC;

-- name: ListTagFilesBefore :many
WITH page AS (
    SELECT ft.file_id, ft.name_key, ft.size FROM file_tags ft
    WHERE ft.owner_id = @owner_id AND ft.tag_id = @tag_id AND NOT ft.trashed
        AND (sqlc.narg(kind)::text IS NULL OR ft.kind = sqlc.narg(kind))
        AND ft.file_id > @cursor_id::bigint
    ORDER BY ft.file_id ASC
    LIMIT @max_rows
)
SELECT f.* FROM page JOIN files f ON f.id = page.file_id
ORDER BY page.file_id ASC;

-- name: ListTagFilesByNameAfter :many
WITH page AS (
    SELECT ft.file_id, ft.name_key, ft.size FROM file_tags ft
    WHERE ft.owner_id = @owner_id AND ft.tag_id = @tag_id AND NOT ft.trashed
        AND (sqlc.narg(kind)::text IS NULL OR ft.kind = sqlc.narg(kind))
        AND (ft.name_key, ft.file_id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
    ORDER BY ft.name_key ASC, ft.file_id ASC
    LIMIT @max_rows
)
SELECT f.* FROM page JOIN files f ON f.id = page.file_id
ORDER BY page.name_key ASC, page.file_id ASC;

-- name: ListTagFilesByNameBefore :many
WITH page AS (
    SELECT ft.file_id, ft.name_key, ft.size FROM file_tags ft
    WHERE ft.owner_id = @owner_id AND ft.tag_id = @tag_id AND NOT ft.trashed
        AND (sqlc.narg(kind)::text IS NULL OR ft.kind = sqlc.narg(kind))
        AND (ft.name_key, ft.file_id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
    ORDER BY ft.name_key DESC, ft.file_id DESC
    LIMIT @max_rows
)
SELECT f.* FROM page JOIN files f ON f.id = page.file_id
ORDER BY page.name_key DESC, page.file_id DESC;

-- name: ListTagFilesBySizeAfter :many
WITH page AS (
    SELECT ft.file_id, ft.name_key, ft.size FROM file_tags ft
    WHERE ft.owner_id = @owner_id AND ft.tag_id = @tag_id AND NOT ft.trashed
        AND (sqlc.narg(kind)::text IS NULL OR ft.kind = sqlc.narg(kind))
        AND (ft.size, ft.file_id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
    ORDER BY ft.size DESC, ft.file_id DESC
    LIMIT @max_rows
)
SELECT f.* FROM page JOIN files f ON f.id = page.file_id
ORDER BY page.size DESC, page.file_id DESC;

-- name: ListTagFilesBySizeBefore :many
WITH page AS (
    SELECT ft.file_id, ft.name_key, ft.size FROM file_tags ft
    WHERE ft.owner_id = @owner_id AND ft.tag_id = @tag_id AND NOT ft.trashed
        AND (sqlc.narg(kind)::text IS NULL OR ft.kind = sqlc.narg(kind))
        AND (ft.size, ft.file_id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
    ORDER BY ft.size ASC, ft.file_id ASC
    LIMIT @max_rows
)
SELECT f.* FROM page JOIN files f ON f.id = page.file_id
ORDER BY page.size ASC, page.file_id ASC;
