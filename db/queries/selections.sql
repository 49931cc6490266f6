-- name: GetSelection :one
SELECT * FROM selections
WHERE owner_id = $1;

-- name: PutSelection :batchexec
-- Not waited for: sent with the unit of work's next read or its COMMIT.
INSERT INTO selections (owner_id, kind, category_id, uncategorised, trashed, search_id, tag_id, file_ids, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (owner_id) DO UPDATE SET
    kind = excluded.kind, category_id = excluded.category_id, uncategorised = excluded.uncategorised,
    trashed = excluded.trashed, search_id = excluded.search_id, tag_id = excluded.tag_id, file_ids = excluded.file_ids,
    expires_at = excluded.expires_at;

-- name: ClearSelection :exec
DELETE FROM selections
WHERE owner_id = $1;
