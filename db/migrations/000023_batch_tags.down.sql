DELETE FROM batches WHERE action = 'tag';
ALTER TABLE batch_files DROP COLUMN tags_added, DROP COLUMN tags_removed;
ALTER TABLE batches DROP CONSTRAINT batches_action_check;
ALTER TABLE batches ADD CONSTRAINT batches_action_check CHECK (action IN ('move', 'trash', 'restore'));
