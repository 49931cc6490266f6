-- name: LockJobSchema :exec
-- Held by the session until UnlockJobSchema (or its end), so instances starting at once migrate
-- the job queue's schema (River's own migrations) one after another.
SELECT pg_advisory_lock(hashtext('filekeeper.job_schema'));

-- name: UnlockJobSchema :exec
SELECT pg_advisory_unlock(hashtext('filekeeper.job_schema'));
