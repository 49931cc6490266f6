DROP TRIGGER IF EXISTS tag_counts_update ON file_tags;
DROP TRIGGER IF EXISTS tag_counts_delete ON file_tags;
DROP TRIGGER IF EXISTS tag_counts_insert ON file_tags;
DROP FUNCTION IF EXISTS tag_counts_after_update();
DROP FUNCTION IF EXISTS tag_counts_after_delete();
DROP FUNCTION IF EXISTS tag_counts_after_insert();
DROP FUNCTION IF EXISTS apply_tag_count_deltas(jsonb);
DROP FUNCTION IF EXISTS fold_tag_counts(bigint);
DROP TABLE IF EXISTS tag_counts;
