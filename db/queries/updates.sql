-- name: ClaimUpdate :execrows
-- One affected row means this is the first claim of the update by this bot.
INSERT INTO processed_updates (bot_id, update_id)
VALUES ($1, $2)
ON CONFLICT (bot_id, update_id) DO NOTHING;

-- name: PruneProcessedUpdates :execrows
-- Forgets at most lim claims older than cutoff, oldest first.
DELETE FROM processed_updates
WHERE (bot_id, update_id) IN (
    SELECT p.bot_id, p.update_id FROM processed_updates p
    WHERE p.processed_at < sqlc.arg(cutoff)
    ORDER BY p.processed_at
    LIMIT sqlc.arg(lim)
);

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
