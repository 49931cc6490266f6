DELETE FROM shares WHERE album_id IS NOT NULL;
DROP INDEX IF EXISTS shares_album_id_idx;
ALTER TABLE shares DROP CONSTRAINT shares_one_target_check;
ALTER TABLE shares DROP COLUMN album_id;
ALTER TABLE shares ADD CONSTRAINT shares_one_target_check CHECK ((file_id IS NULL) <> (category_id IS NULL));
