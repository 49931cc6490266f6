ALTER TABLE conversations
    DROP COLUMN IF EXISTS return_cursor_page,
    DROP COLUMN IF EXISTS return_tag_id;

DROP INDEX IF EXISTS files_owner_trashed_size_idx;
DROP INDEX IF EXISTS files_owner_trashed_name_idx;
DROP INDEX IF EXISTS files_owner_uncategorised_size_idx;
DROP INDEX IF EXISTS files_owner_uncategorised_name_idx;
DROP INDEX IF EXISTS files_owner_category_size_idx;
DROP INDEX IF EXISTS files_owner_category_name_idx;
DROP INDEX IF EXISTS files_owner_kind_size_idx;
DROP INDEX IF EXISTS files_owner_kind_name_idx;
DROP INDEX IF EXISTS files_owner_size_idx;
DROP INDEX IF EXISTS files_owner_name_idx;

ALTER TABLE users DROP COLUMN IF EXISTS sort_order;

DROP TABLE IF EXISTS file_tags;
DROP TABLE IF EXISTS tags;
