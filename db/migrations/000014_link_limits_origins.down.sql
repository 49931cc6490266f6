DROP INDEX IF EXISTS files_owner_origin_prefix_idx;
DROP INDEX IF EXISTS files_origin_name_trgm_idx;
ALTER TABLE files
    DROP COLUMN origin_date,
    DROP COLUMN origin_name,
    DROP COLUMN origin_kind;
ALTER TABLE shares
    DROP COLUMN protect,
    DROP COLUMN viewers,
    DROP COLUMN max_viewers,
    DROP COLUMN expires_at;
