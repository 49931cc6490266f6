-- name: SaveSearch :one
INSERT INTO searches (owner_id, text)
VALUES (@owner_id, @text)
RETURNING *;

-- name: GetSearch :one
-- Only the owner's saved query (see GetFile).
SELECT * FROM searches
WHERE id = @id AND owner_id = @owner_id;

-- name: SearchExists :one
-- Whether any saved query has that id: someone else's, after GetSearch found none of the owner's.
SELECT EXISTS (SELECT 1 FROM searches WHERE id = $1);

-- name: PruneSearches :batchexec
-- Keeps the owner's @keep newest queries and deletes the rest: a range on searches_owner_id_idx.
DELETE FROM searches
WHERE searches.owner_id = @owner_id AND searches.id <= (
    SELECT kept.id FROM searches AS kept
    WHERE kept.owner_id = @owner_id
    ORDER BY kept.id DESC
    OFFSET @keep::integer LIMIT 1
);
