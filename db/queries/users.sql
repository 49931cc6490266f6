-- name: UpsertUser :batchone
-- A new user is inserted as given; a known one gets its profile and last_seen_at refreshed and
-- blocked_bot cleared, while id, joined_at and the settings of the stored row (page_size,
-- language, default_category_id, sort_order) are kept.
INSERT INTO users (
    telegram_id, username, first_name, last_name, language_code,
    page_size, language, default_category_id, blocked_bot, joined_at, last_seen_at, sort_order
) VALUES (
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
)
ON CONFLICT (telegram_id) DO UPDATE SET
    username      = EXCLUDED.username,
    first_name    = EXCLUDED.first_name,
    last_name     = EXCLUDED.last_name,
    language_code = EXCLUDED.language_code,
    last_seen_at  = EXCLUDED.last_seen_at,
    blocked_bot   = false
RETURNING *;

-- name: GetUser :one
SELECT * FROM users
WHERE id = $1;

-- name: GetUserByTelegramID :one
SELECT * FROM users
WHERE telegram_id = $1;

-- name: UpdateUserSettings :execrows
-- No row affected means no such user. The table's CHECKs refuse a page size or language out of
-- bounds, its foreign key a category that does not exist.
UPDATE users SET
    page_size           = @page_size,
    language            = @language,
    default_category_id = @default_category_id,
    sort_order          = @sort_order
WHERE id = @id;

-- name: SetUserBlocked :execrows
-- Telegram refused a message to the user: they blocked the bot. UpsertUser clears it on their
-- next contact. No row affected means no such user.
UPDATE users SET blocked_bot = true
WHERE telegram_id = @telegram_id;

-- name: CountUsers :one
-- Every user, those seen since @day and since @week, those who blocked the bot: one scan.
SELECT
    count(*)                                      AS total,
    count(*) FILTER (WHERE last_seen_at >= @day)  AS active_day,
    count(*) FILTER (WHERE last_seen_at >= @week) AS active_week,
    count(*) FILTER (WHERE blocked_bot)           AS blocked
FROM users;

-- name: ListUsersAfter :many
-- Every user, page by page in id order (an export).
SELECT * FROM users
WHERE id > @after_id
ORDER BY id
LIMIT @max_rows;
