-- name: SaveSearch :one
INSERT INTO searches (owner_id, text)
VALUES (@owner_id, @text)
RETURNING *;

-- name: GetSearch :one
SELECT * FROM searches
WHERE id = $1;
