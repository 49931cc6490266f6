-- Keyset pages of every list in the orders by name (A to Z, lowercased, then id) and by size
-- (largest first, then id); newest and oldest are the id queries of files.sql, walked one way or
-- the other. One pattern per list, written out for sqlc (an ORDER BY cannot be a parameter and
-- keep its index): a change to one is a change to all.
--
-- The cursor is a file id alone (a button holds 64 bytes, a name may not fit): the page starts
-- after (or, Before, ends before) that file's key, read by a subquery that runs once (an InitPlan)
-- and bounds the index range. @first asks for the first page: the cursor file is none, and the
-- sentinel key ('' or the largest size) starts the range at the list's beginning. A cursor file
-- gone meanwhile gives no rows: the use case shows the first page then. A list shows an album
-- once, as its newest file it holds (as files.sql does); a search lists files one by one.

-- name: ListFilesByNameAfter :many
-- A page of the owner's live files by name.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL))
    AND (lower(files.name) COLLATE "C", files.id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" ASC, files.id ASC
LIMIT @max_rows;

-- name: ListFilesByNameBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL))
    AND (lower(files.name) COLLATE "C", files.id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" DESC, files.id DESC
LIMIT @max_rows;

-- name: ListFilesBySizeAfter :many
-- A page of the owner's live files by size.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL))
    AND (files.size, files.id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
ORDER BY files.size DESC, files.id DESC
LIMIT @max_rows;

-- name: ListFilesBySizeBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NULL))
    AND (files.size, files.id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY files.size ASC, files.id ASC
LIMIT @max_rows;

-- name: ListFilesOfKindByNameAfter :many
-- A page of the owner's live files of one kind by name.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.kind = @kind AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.kind = @kind
            AND newer.deleted_at IS NULL))
    AND (lower(files.name) COLLATE "C", files.id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" ASC, files.id ASC
LIMIT @max_rows;

-- name: ListFilesOfKindByNameBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.kind = @kind AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.kind = @kind
            AND newer.deleted_at IS NULL))
    AND (lower(files.name) COLLATE "C", files.id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" DESC, files.id DESC
LIMIT @max_rows;

-- name: ListFilesOfKindBySizeAfter :many
-- A page of the owner's live files of one kind by size.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.kind = @kind AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.kind = @kind
            AND newer.deleted_at IS NULL))
    AND (files.size, files.id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
ORDER BY files.size DESC, files.id DESC
LIMIT @max_rows;

-- name: ListFilesOfKindBySizeBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.kind = @kind AND files.deleted_at IS NULL
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.kind = @kind
            AND newer.deleted_at IS NULL))
    AND (files.size, files.id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY files.size ASC, files.id ASC
LIMIT @max_rows;

-- name: ListCategoryFilesByNameAfter :many
-- A page of one category's live files by name.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id = @category_id::bigint AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id = @category_id::bigint
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (lower(files.name) COLLATE "C", files.id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" ASC, files.id ASC
LIMIT @max_rows;

-- name: ListCategoryFilesByNameBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id = @category_id::bigint AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id = @category_id::bigint
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (lower(files.name) COLLATE "C", files.id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" DESC, files.id DESC
LIMIT @max_rows;

-- name: ListCategoryFilesBySizeAfter :many
-- A page of one category's live files by size.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id = @category_id::bigint AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id = @category_id::bigint
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (files.size, files.id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
ORDER BY files.size DESC, files.id DESC
LIMIT @max_rows;

-- name: ListCategoryFilesBySizeBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id = @category_id::bigint AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id = @category_id::bigint
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (files.size, files.id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY files.size ASC, files.id ASC
LIMIT @max_rows;

-- name: ListUncategorisedFilesByNameAfter :many
-- A page of the live files in no category by name.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id IS NULL AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id IS NULL
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (lower(files.name) COLLATE "C", files.id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" ASC, files.id ASC
LIMIT @max_rows;

-- name: ListUncategorisedFilesByNameBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id IS NULL AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id IS NULL
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (lower(files.name) COLLATE "C", files.id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" DESC, files.id DESC
LIMIT @max_rows;

-- name: ListUncategorisedFilesBySizeAfter :many
-- A page of the live files in no category by size.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id IS NULL AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id IS NULL
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (files.size, files.id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
ORDER BY files.size DESC, files.id DESC
LIMIT @max_rows;

-- name: ListUncategorisedFilesBySizeBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.category_id IS NULL AND files.deleted_at IS NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.category_id IS NULL
            AND newer.deleted_at IS NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))))
    AND (files.size, files.id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY files.size ASC, files.id ASC
LIMIT @max_rows;

-- name: ListTrashedFilesByNameAfter :many
-- A page of the trash by name.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NOT NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NOT NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = sqlc.narg(category_id))
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL)))
    AND (lower(files.name) COLLATE "C", files.id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" ASC, files.id ASC
LIMIT @max_rows;

-- name: ListTrashedFilesByNameBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NOT NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NOT NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = sqlc.narg(category_id))
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL)))
    AND (lower(files.name) COLLATE "C", files.id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" DESC, files.id DESC
LIMIT @max_rows;

-- name: ListTrashedFilesBySizeAfter :many
-- A page of the trash by size.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NOT NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NOT NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = sqlc.narg(category_id))
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL)))
    AND (files.size, files.id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
ORDER BY files.size DESC, files.id DESC
LIMIT @max_rows;

-- name: ListTrashedFilesBySizeBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NOT NULL
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.album_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM files AS newer WHERE newer.album_id = files.album_id AND newer.id > files.id
            AND newer.deleted_at IS NOT NULL
            AND (sqlc.narg(kind)::text IS NULL OR newer.kind = sqlc.narg(kind))
            AND (sqlc.narg(category_id)::bigint IS NULL OR newer.category_id = sqlc.narg(category_id))
            AND (NOT @uncategorised::boolean OR newer.category_id IS NULL)))
    AND (files.size, files.id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY files.size ASC, files.id ASC
LIMIT @max_rows;

-- name: ListSearchFilesByNameAfter :many
-- A page of a search's live files by name.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(files.caption) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (lower(files.name) COLLATE "C", files.id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" ASC, files.id ASC
LIMIT @max_rows;

-- name: ListSearchFilesByNameBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(files.caption) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (lower(files.name) COLLATE "C", files.id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" DESC, files.id DESC
LIMIT @max_rows;

-- name: ListSearchFilesBySizeAfter :many
-- A page of a search's live files by size.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(files.caption) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.size, files.id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
ORDER BY files.size DESC, files.id DESC
LIMIT @max_rows;

-- name: ListSearchFilesBySizeBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR lower(files.caption) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.size, files.id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY files.size ASC, files.id ASC
LIMIT @max_rows;

-- name: ListSearchFilesByPrefixByNameAfter :many
-- A page of a short prefix search's live files by name.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(files.caption), 32) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (lower(files.name) COLLATE "C", files.id) > (COALESCE((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN '' END), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" ASC, files.id ASC
LIMIT @max_rows;

-- name: ListSearchFilesByPrefixByNameBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(files.caption), 32) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (lower(files.name) COLLATE "C", files.id) < ((SELECT lower(c.name) FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY lower(files.name) COLLATE "C" DESC, files.id DESC
LIMIT @max_rows;

-- name: ListSearchFilesByPrefixBySizeAfter :many
-- A page of a short prefix search's live files by size.
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(files.caption), 32) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.size, files.id) < (COALESCE((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), CASE WHEN @first::boolean THEN 9223372036854775807 END), @cursor_id::bigint)
ORDER BY files.size DESC, files.id DESC
LIMIT @max_rows;

-- name: ListSearchFilesByPrefixBySizeBefore :many
SELECT * FROM files
WHERE files.owner_id = @owner_id AND files.deleted_at IS NULL
    AND (lower(files.name) LIKE lower(@pattern::text) ESCAPE '\'
        OR left(lower(files.caption), 32) LIKE lower(@pattern::text) ESCAPE '\')
    AND (sqlc.narg(kind)::text IS NULL OR files.kind = sqlc.narg(kind))
    AND (sqlc.narg(category_id)::bigint IS NULL OR files.category_id = sqlc.narg(category_id))
    AND (NOT @uncategorised::boolean OR files.category_id IS NULL)
    AND (files.size, files.id) > ((SELECT c.size FROM files c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), @cursor_id::bigint)
ORDER BY files.size ASC, files.id ASC
LIMIT @max_rows;
