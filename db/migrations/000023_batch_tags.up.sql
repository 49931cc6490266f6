-- Select many's 🏷 Tag: a batch that puts tags on the selected files or takes tags off them, and
-- per file the tags it put on (the file did not carry them) and took off (it did), so one undo
-- reverses exactly those.
ALTER TABLE batches DROP CONSTRAINT batches_action_check;
ALTER TABLE batches ADD CONSTRAINT batches_action_check CHECK (action IN ('move', 'trash', 'restore', 'tag'));
ALTER TABLE batch_files
    ADD COLUMN tags_added   text[] NOT NULL DEFAULT '{}',
    ADD COLUMN tags_removed text[] NOT NULL DEFAULT '{}';
