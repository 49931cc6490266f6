DROP INDEX IF EXISTS files_storage_message_idx;
DROP TABLE IF EXISTS storage_claims;
