DROP INDEX IF EXISTS files_deleted_at_idx;
DROP INDEX IF EXISTS files_owner_trashed_id_idx;
DROP INDEX IF EXISTS files_owner_uncategorised_id_idx;
DROP INDEX IF EXISTS files_owner_category_id_idx;
DROP TABLE IF EXISTS conversations;
