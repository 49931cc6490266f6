-- name: CountUsers :one
-- Every user, those seen since @day and since @week, those who blocked the bot: one scan.
SELECT
    count(*)                                      AS total,
    count(*) FILTER (WHERE last_seen_at >= @day)  AS active_day,
    count(*) FILTER (WHERE last_seen_at >= @week) AS active_week,
    count(*) FILTER (WHERE blocked_bot)           AS blocked
FROM users;

-- name: TotalUsage :many
-- One row per kind and state (live or trashed), every owner together: the adapter adds them up.
SELECT kind, (deleted_at IS NULL)::boolean AS live, count(*) AS files, coalesce(sum(size), 0)::bigint AS bytes
FROM files
GROUP BY kind, (deleted_at IS NULL);
