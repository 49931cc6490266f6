-- name: ClaimStorageCopy :one
-- Claims the copy of a file with no copy for holder. A claim older than the lease, left by an
-- attempt that did not finish, is taken over (its floor kept, its attempts counted): no row when
-- the file is gone or has its copy, or another attempt's claim is younger than the lease.
INSERT INTO storage_claims (file_id, chat_id, floor, holder)
SELECT f.id, @chat_id::bigint,
    COALESCE((SELECT max(c.storage_message_id) FROM files c WHERE c.storage_chat_id = @chat_id::bigint), 0)::bigint,
    @holder::text
FROM files f WHERE f.id = @file_id AND f.storage_message_id IS NULL
ON CONFLICT (file_id) DO UPDATE SET holder = EXCLUDED.holder, attempts = storage_claims.attempts + 1, taken_at = now()
WHERE storage_claims.taken_at < now() - make_interval(secs => @lease_seconds::float8)
RETURNING floor, attempts;

-- name: RecordClaimedStorageCopy :execrows
-- Records the post of the attempt holding the claim, and drops the claim; nothing for another.
WITH claim AS (
    DELETE FROM storage_claims WHERE file_id = @file_id AND holder = @holder::text RETURNING file_id
)
UPDATE files SET storage_chat_id = @chat_id::bigint, storage_message_id = @message_id::bigint
WHERE id = (SELECT file_id FROM claim) AND storage_message_id IS NULL;

-- name: ListStorageMessagesBetween :many
-- The message ids of the chat between two (exclusive) known as copies: of files, or of files
-- deleted for good not yet deleted from the chat.
SELECT storage_message_id::bigint AS message_id FROM files
WHERE storage_chat_id = @chat_id::bigint AND storage_message_id > @above::bigint AND storage_message_id < @below::bigint
UNION
SELECT message_id FROM storage_deletions
WHERE chat_id = @chat_id::bigint AND message_id > @above::bigint AND message_id < @below::bigint;
