DROP TRIGGER IF EXISTS file_counts_update ON files;
DROP TRIGGER IF EXISTS file_counts_delete ON files;
DROP TRIGGER IF EXISTS file_counts_insert ON files;
DROP FUNCTION IF EXISTS file_counts_after_update();
DROP FUNCTION IF EXISTS file_counts_after_delete();
DROP FUNCTION IF EXISTS file_counts_after_insert();
DROP FUNCTION IF EXISTS apply_file_count_deltas(jsonb);
DROP FUNCTION IF EXISTS fold_file_counts(bigint);
DROP TABLE IF EXISTS file_counts;
