-- name: RecordReply :batchexec
-- One statement, in the unit of work of the update the reply answers; its id is chosen by the
-- caller, so nothing is waited for: it goes to PostgreSQL with the next statement or COMMIT.
INSERT INTO reply_outbox (id, bot_id, update_id, payload, lease_until, created_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: DeleteReplies :execrows
-- Forgets the replies delivered (all of their actions done).
DELETE FROM reply_outbox WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: ForgetReplies :batchexec
-- DeleteReplies queued in another unit of work (its count not waited for).
DELETE FROM reply_outbox WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: SetReplyProgress :execrows
-- Records how far a reply's delivery went; it stays to be taken by a sweep.
UPDATE reply_outbox SET delivered = $2, uncertain = $3 WHERE id = $1;

-- name: TakeDueReplies :many
-- Takes at most lim replies whose lease expired, oldest first, and leases them again until
-- lease_until: several instances sweeping at once take each one once, none waits on another.
UPDATE reply_outbox o
SET lease_until = sqlc.arg(lease_until), attempts = o.attempts + 1
WHERE o.id IN (
    SELECT d.id FROM reply_outbox d
    WHERE d.lease_until <= sqlc.arg(now)
    ORDER BY d.id
    LIMIT sqlc.arg(lim)
    FOR UPDATE SKIP LOCKED
)
RETURNING o.id, o.bot_id, o.update_id, o.payload, o.delivered, o.uncertain, o.lease_until, o.attempts, o.created_at;
