-- name: ParkUpdate :exec
INSERT INTO parked_updates (bot_id, update_id, payload, error, attempts)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (bot_id, update_id) DO UPDATE
SET error = excluded.error, attempts = parked_updates.attempts + excluded.attempts, parked_at = now();

-- name: ListParkedUpdates :many
SELECT bot_id, update_id, payload, error, attempts, parked_at
FROM parked_updates
WHERE bot_id = $1 AND update_id > sqlc.arg(after_id)
ORDER BY update_id
LIMIT sqlc.arg(lim);

-- name: DeleteParkedUpdate :execrows
DELETE FROM parked_updates WHERE bot_id = $1 AND update_id = $2;

-- name: CountParkedUpdates :one
SELECT count(*) FROM parked_updates;
