-- name: ListStorageDeletions :many
-- Copies of files deleted for good, oldest first (a trigger on files records them).
SELECT chat_id, message_id, file_id FROM storage_deletions
ORDER BY deleted_at, chat_id, message_id
LIMIT @max_rows;

-- name: ForgetStorageDeletion :exec
DELETE FROM storage_deletions WHERE chat_id = @chat_id AND message_id = @message_id;
