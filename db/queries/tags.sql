-- name: TagFileByName :batchexec
-- Puts the owner's tag of that name on one of their files, making the tag if it is new (names
-- come lowercased from the domain), with the file's sort keys (file_tags); a file that is not the
-- owner's gets nothing, and a tag it carries already changes nothing. One statement, not waited
-- for: sent with the unit of work's next read or its COMMIT.
WITH tag AS (
    INSERT INTO tags (owner_id, name, created_at)
    VALUES (@owner_id, @name, @created_at)
    ON CONFLICT (owner_id, name) DO UPDATE SET name = EXCLUDED.name
    RETURNING id
)
INSERT INTO file_tags (tag_id, file_id, owner_id, name_key, size, kind, trashed)
SELECT tag.id, f.id, f.owner_id, lower(f.name), f.size, f.kind, f.deleted_at IS NOT NULL
FROM tag, files f
WHERE f.id = @file_id AND f.owner_id = @owner_id
ON CONFLICT (tag_id, file_id) DO NOTHING;

-- name: UntagFile :execrows
-- Takes the owner's tag of that name off one of their files.
DELETE FROM file_tags
USING tags
WHERE file_tags.tag_id = tags.id AND tags.owner_id = @owner_id AND tags.name = @name
    AND file_tags.file_id = @file_id;

-- name: DeleteUnusedTags :exec
-- The owner's tags of those names that no file carries any more.
DELETE FROM tags t
WHERE t.owner_id = @owner_id AND t.name = ANY(@names::text[])
    AND NOT EXISTS (SELECT 1 FROM file_tags ft WHERE ft.tag_id = t.id);

-- name: TagsOfFile :batchmany
SELECT t.* FROM file_tags ft JOIN tags t ON t.id = ft.tag_id
WHERE ft.file_id = @file_id AND ft.owner_id = @owner_id
ORDER BY t.name;

-- name: TagNamesOfFiles :many
-- The tags of several of the owner's files at once (an export's batch).
SELECT ft.file_id, t.name FROM file_tags ft JOIN tags t ON t.id = ft.tag_id
WHERE ft.owner_id = @owner_id AND ft.file_id = ANY(@file_ids::bigint[])
ORDER BY ft.file_id, t.name;

-- name: GetTag :one
SELECT * FROM tags
WHERE id = @id AND owner_id = @owner_id;

-- name: TagExists :one
SELECT EXISTS (SELECT 1 FROM tags WHERE id = $1);

-- name: GetTagByName :one
SELECT * FROM tags
WHERE owner_id = @owner_id AND name = @name;

-- name: ListTagsAfter :many
-- A page of the owner's tags that live files carry, by name, with how many; the cursor is a tag
-- id whose name the page starts after ('' for the first page). Each tag's count is the sum of its
-- few rows of tag_counts (migration 000024).
SELECT t.id, t.owner_id, t.name, t.created_at, n.files
FROM tags t
CROSS JOIN LATERAL (
    SELECT coalesce(sum(c.files), 0)::bigint AS files FROM tag_counts c
    WHERE c.tag_id = t.id AND c.owner_id = t.owner_id
) n
WHERE t.owner_id = @owner_id AND n.files > 0
    AND t.name > COALESCE((SELECT c.name FROM tags c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id), '')
ORDER BY t.name
LIMIT @max_rows;

-- name: ListTagsBefore :many
SELECT t.id, t.owner_id, t.name, t.created_at, n.files
FROM tags t
CROSS JOIN LATERAL (
    SELECT coalesce(sum(c.files), 0)::bigint AS files FROM tag_counts c
    WHERE c.tag_id = t.id AND c.owner_id = t.owner_id
) n
WHERE t.owner_id = @owner_id AND n.files > 0
    AND t.name < (SELECT c.name FROM tags c WHERE c.id = @cursor_id::bigint AND c.owner_id = @owner_id)
ORDER BY t.name DESC
LIMIT @max_rows;

-- name: CountTagFiles :one
-- How many live files (of one kind, if @kind says) carry the tag, from tag_counts, which
-- triggers on file_tags keep (migration 000024).
SELECT coalesce(sum(files), 0)::bigint FROM tag_counts
WHERE tag_id = @tag_id AND owner_id = @owner_id
    AND (sqlc.narg(kind)::text IS NULL OR kind = sqlc.narg(kind));
