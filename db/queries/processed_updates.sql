-- name: ClaimUpdate :batchone
-- A row back means this is the first claim of the update by this bot; none, that it was
-- claimed before. A batch statement: the unit of work sends it with what follows.
INSERT INTO processed_updates (bot_id, update_id)
VALUES ($1, $2)
ON CONFLICT (bot_id, update_id) DO NOTHING
RETURNING update_id;

-- name: PruneProcessedUpdates :execrows
-- Forgets at most lim claims older than cutoff, oldest first.
DELETE FROM processed_updates
WHERE (bot_id, update_id) IN (
    SELECT p.bot_id, p.update_id FROM processed_updates p
    WHERE p.processed_at < sqlc.arg(cutoff)
    ORDER BY p.processed_at
    LIMIT sqlc.arg(lim)
);
