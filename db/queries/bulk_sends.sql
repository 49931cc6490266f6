-- name: CreateBulkSend :one
INSERT INTO bulk_sends (owner_id, chat_id, file_ids, moved_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (owner_id) WHERE state = 'running' DO NOTHING
RETURNING *;

-- name: GetBulkSend :one
SELECT * FROM bulk_sends
WHERE id = $1;

-- name: RunningBulkSend :one
SELECT * FROM bulk_sends
WHERE owner_id = $1 AND state = 'running';

-- name: SetBulkSendMessage :execrows
UPDATE bulk_sends SET message_id = $2
WHERE id = $1;

-- name: AdvanceBulkSend :one
UPDATE bulk_sends SET sent = LEAST(GREATEST(sent, sqlc.arg(sent)::integer), cardinality(file_ids)),
    moved_at = GREATEST(moved_at, sqlc.arg(moved_at)::timestamptz)
WHERE id = $1
RETURNING *;

-- name: EndBulkSend :one
UPDATE bulk_sends SET state = CASE WHEN state = 'running' THEN sqlc.arg(state)::text ELSE state END
WHERE id = $1 AND owner_id = $2
RETURNING *;
