ALTER TABLE bulk_sends DROP COLUMN moved_at;
