-- name: ClaimUpdate :execrows
-- One affected row means this is the first claim of the update.
INSERT INTO processed_updates (update_id)
VALUES ($1)
ON CONFLICT (update_id) DO NOTHING;
