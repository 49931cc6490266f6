-- When a send-all last moved (made, or a group sent): one that has not moved for long is stalled
-- (its job failed every try, or waits for a retry far off) and gives way to the owner's next.
ALTER TABLE bulk_sends ADD COLUMN moved_at timestamptz NOT NULL DEFAULT now();
