-- name: CreateBatch :one
INSERT INTO batches (owner_id, action, category_id, at)
VALUES ($1, $2, $3, $4)
RETURNING id;

-- name: AddBatchFile :exec
INSERT INTO batch_files (batch_id, file_id, category_id, deleted_at, tags_added, tags_removed)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: GetBatch :one
-- Any owner's batch: the repository tells someone else's (forbidden) from none (not found).
SELECT * FROM batches
WHERE id = $1;

-- name: ListBatchFiles :many
SELECT * FROM batch_files
WHERE batch_id = $1
ORDER BY file_id;

-- name: MarkBatchUndone :execrows
-- No row affected means the batch was undone before (by this instance or another).
UPDATE batches SET undone_at = $3
WHERE id = $1 AND owner_id = $2 AND undone_at IS NULL;

-- name: PruneBatches :execrows
DELETE FROM batches AS old
WHERE old.owner_id = @owner_id
  AND old.id NOT IN (SELECT kept.id FROM batches AS kept WHERE kept.owner_id = @owner_id ORDER BY kept.id DESC LIMIT @keep);
