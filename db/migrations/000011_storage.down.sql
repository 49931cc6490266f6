DROP TRIGGER IF EXISTS files_storage_deletion ON files;
DROP FUNCTION IF EXISTS files_record_storage_deletion();
DROP TABLE IF EXISTS storage_deletions;
DROP INDEX IF EXISTS files_bot_id_idx;
DROP INDEX IF EXISTS files_uncopied_idx;
ALTER TABLE files
    DROP CONSTRAINT IF EXISTS files_storage_copy_whole,
    DROP COLUMN IF EXISTS storage_message_id,
    DROP COLUMN IF EXISTS storage_chat_id,
    DROP COLUMN IF EXISTS bot_id;
