-- Where a list page is, without counting: how many files each owner keeps, per state (live or
-- in the trash), kind and category (0: none), with their bytes. The menus' counts, the lists'
-- "page 2 of 3 · 19 files", the profile and the quota read these few rows instead of counting an
-- owner's files (200 000 files took 130–280 ms to count on every page). Triggers on files keep
-- them: one statement-level trigger per event adds up the rows the statement changed
-- (transition tables) and inserts the changes as rows of their own, which the readers sum.
-- Only inserting, two transactions never wait for each other here (two purges, a purge and a
-- save of the same owner's files): a counter updated in place would be a row both lock. Now and
-- then (one statement in 32) a statement also folds its owner's rows into one per counter,
-- taking only the rows no one else holds (SKIP LOCKED), so an owner's rows stay few. Nothing
-- else writes these rows; an owner's rows go with the owner.
CREATE TABLE file_counts (
    id          bigserial PRIMARY KEY,
    owner_id    bigint    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    trashed     boolean   NOT NULL,
    kind        text      NOT NULL,
    category_id bigint    NOT NULL,
    files       bigint    NOT NULL,
    bytes       bigint    NOT NULL
);
CREATE INDEX file_counts_owner_idx ON file_counts (owner_id, trashed, kind, category_id) INCLUDE (files, bytes);

-- apply_file_count_deltas records the changes of one statement (an owner whose files go with the
-- owner itself has no counters left to change), and folds an owner's rows now and then.
CREATE FUNCTION apply_file_count_deltas(deltas jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    fold bigint;
BEGIN
    WITH added AS (
        INSERT INTO file_counts (owner_id, trashed, kind, category_id, files, bytes)
        SELECT d.owner_id, d.trashed, d.kind, d.category_id, d.files, d.bytes
        FROM jsonb_to_recordset(deltas)
            AS d(owner_id bigint, trashed boolean, kind text, category_id bigint, files bigint, bytes bigint)
        JOIN users u ON u.id = d.owner_id
        RETURNING id, owner_id
    )
    SELECT min(owner_id) INTO fold FROM added WHERE id % 32 = 0;
    IF fold IS NOT NULL THEN
        PERFORM fold_file_counts(fold);
    END IF;
END $$;

-- fold_file_counts sums an owner's rows into one per counter, leaving out those another
-- transaction holds, and drops the counters that came to nothing.
CREATE FUNCTION fold_file_counts(owner bigint) RETURNS void LANGUAGE sql AS $$
    WITH gone AS (
        DELETE FROM file_counts WHERE id IN (
            SELECT id FROM file_counts WHERE owner_id = owner FOR UPDATE SKIP LOCKED)
        RETURNING owner_id, trashed, kind, category_id, files, bytes
    )
    INSERT INTO file_counts (owner_id, trashed, kind, category_id, files, bytes)
    SELECT owner_id, trashed, kind, category_id, sum(files), sum(bytes)
    FROM gone GROUP BY 1, 2, 3, 4
    HAVING sum(files) <> 0 OR sum(bytes) <> 0;
$$;

CREATE FUNCTION file_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_file_count_deltas(coalesce(jsonb_agg(d), '[]'))
    FROM (SELECT owner_id, deleted_at IS NOT NULL AS trashed, kind, coalesce(category_id, 0) AS category_id,
            count(*) AS files, sum(size) AS bytes
        FROM new_rows GROUP BY 1, 2, 3, 4) d;
    RETURN NULL;
END $$;

CREATE FUNCTION file_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_file_count_deltas(coalesce(jsonb_agg(d), '[]'))
    FROM (SELECT owner_id, deleted_at IS NOT NULL AS trashed, kind, coalesce(category_id, 0) AS category_id,
            -count(*) AS files, -sum(size) AS bytes
        FROM old_rows GROUP BY 1, 2, 3, 4) d;
    RETURN NULL;
END $$;

-- An update moves a file between counters when it changes its state, kind, category or size; a
-- rename or a caption moves none, and writes nothing.
CREATE FUNCTION file_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_file_count_deltas(coalesce(jsonb_agg(d), '[]'))
    FROM (SELECT owner_id, trashed, kind, category_id, sum(files) AS files, sum(bytes) AS bytes
        FROM (SELECT owner_id, deleted_at IS NOT NULL AS trashed, kind, coalesce(category_id, 0) AS category_id,
                1 AS files, size AS bytes FROM new_rows
            UNION ALL
            SELECT owner_id, deleted_at IS NOT NULL, kind, coalesce(category_id, 0), -1, -size FROM old_rows) m
        GROUP BY 1, 2, 3, 4
        HAVING sum(files) <> 0 OR sum(bytes) <> 0) d;
    RETURN NULL;
END $$;

CREATE TRIGGER file_counts_insert AFTER INSERT ON files
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION file_counts_after_insert();
CREATE TRIGGER file_counts_delete AFTER DELETE ON files
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION file_counts_after_delete();
CREATE TRIGGER file_counts_update AFTER UPDATE ON files
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION file_counts_after_update();

INSERT INTO file_counts (owner_id, trashed, kind, category_id, files, bytes)
SELECT owner_id, deleted_at IS NOT NULL, kind, coalesce(category_id, 0), count(*), sum(size)
FROM files GROUP BY 1, 2, 3, 4;
