-- name: AddBan :execrows
-- No row affected means the user was banned already: the first ban stands.
INSERT INTO bans (telegram_id, banned_by, banned_at, told_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (telegram_id) DO NOTHING;

-- name: GetBan :batchone
SELECT * FROM bans
WHERE telegram_id = $1;

-- name: RemoveBan :execrows
DELETE FROM bans
WHERE telegram_id = $1;

-- name: MarkBanTold :execrows
-- No row affected means the user was told before (by this instance or another), or is not banned.
UPDATE bans SET told_at = $2
WHERE telegram_id = $1 AND told_at IS NULL;

-- name: CountBans :one
SELECT count(*) FROM bans;

-- name: ListBansAfter :many
-- Every ban, page by page in Telegram id order, for an export.
SELECT * FROM bans
WHERE telegram_id > sqlc.arg(after_telegram_id)
ORDER BY telegram_id
LIMIT sqlc.arg(lim);
