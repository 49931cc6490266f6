-- name: CreateCategory :one
-- A name the owner already uses (ignoring case) inserts nothing and returns no row: the
-- duplicate is reported without a unique violation, so the transaction stays usable.
INSERT INTO categories (owner_id, name, created_at)
VALUES (@owner_id, @name, @created_at)
ON CONFLICT (owner_id, lower(name)) DO NOTHING
RETURNING *;

-- name: GetCategory :one
-- Only the owner's category (see GetFile).
SELECT * FROM categories
WHERE id = @id AND owner_id = @owner_id;

-- name: CategoryOfFile :batchone
-- The owner's category the owner's file is in, if any: read with the file, for its card.
SELECT c.* FROM categories c
JOIN files f ON f.category_id = c.id AND f.owner_id = c.owner_id
WHERE f.id = @file_id AND f.owner_id = @owner_id;

-- name: CategoryExists :one
-- Whether any category has that id: someone else's, after GetCategory found none of the owner's.
SELECT EXISTS (SELECT 1 FROM categories WHERE id = $1);

-- name: RenameCategory :one
-- found tells whether the category exists, renamed whether it took the name: found but not
-- renamed means another category of the owner has that name, ignoring case. Checking first,
-- instead of letting the unique index refuse, keeps the transaction usable.
WITH target AS (
    SELECT categories.id, categories.owner_id FROM categories
    WHERE categories.id = @id AND categories.owner_id = @owner_id
), renamed AS (
    UPDATE categories SET name = @name
    FROM target
    WHERE categories.id = target.id
        AND NOT EXISTS (
            SELECT 1 FROM categories other
            WHERE other.owner_id = target.owner_id
                AND lower(other.name) = lower(@name)
                AND other.id <> target.id
        )
    RETURNING categories.id
)
SELECT
    EXISTS (SELECT 1 FROM target) AS found,
    EXISTS (SELECT 1 FROM renamed) AS renamed;

-- name: DeleteCategory :one
-- The files lose the category through ON DELETE SET NULL; live_files counts the live ones as
-- they were when the statement began. No row means no such category.
WITH deleted AS (
    DELETE FROM categories WHERE categories.id = @id AND categories.owner_id = @owner_id
    RETURNING categories.id
)
SELECT
    deleted.id,
    (SELECT count(*) FROM files
     WHERE files.category_id = deleted.id AND files.deleted_at IS NULL) AS live_files
FROM deleted;

-- name: ListCategoriesWithCounts :many
-- Only the owner's own files are counted: that joins on files_owner_category_id_idx (an index-only
-- scan per category, not a scan of every file), and a file someone else put into the category
-- never shows in the owner's counts. Ordered by the lowercased name byte by byte (COLLATE "C"),
-- then id: the same order on every server locale, and the order of the memory adapter.
SELECT sqlc.embed(categories), count(files.id) AS live_files
FROM categories
LEFT JOIN files ON files.owner_id = categories.owner_id
    AND files.category_id = categories.id
    AND files.deleted_at IS NULL
WHERE categories.owner_id = @owner_id
GROUP BY categories.id
ORDER BY lower(categories.name) COLLATE "C", categories.id;

-- name: CountCategories :one
SELECT count(*) FROM categories
WHERE owner_id = $1;
