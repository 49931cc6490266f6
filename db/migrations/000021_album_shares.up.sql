-- An album is shared as a unit: a link gives the album's live files, sent back together. A share
-- is of exactly one file, category or album; it goes with the album (ON DELETE CASCADE).
ALTER TABLE shares ADD COLUMN album_id bigint REFERENCES albums (id) ON DELETE CASCADE;
ALTER TABLE shares DROP CONSTRAINT shares_one_target_check;
ALTER TABLE shares ADD CONSTRAINT shares_one_target_check CHECK (num_nonnulls(file_id, category_id, album_id) = 1);
-- The cascade when an album is deleted.
CREATE INDEX shares_album_id_idx ON shares (album_id) WHERE album_id IS NOT NULL;
