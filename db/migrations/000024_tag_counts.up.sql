-- How many live files carry each tag, per kind: a list of a tag reads its "19 files" (and its
-- page count) from these few rows instead of counting the tag's files in file_tags on every
-- page (50 000 files of one tag took 5–8 ms to count, 30 ms for one kind of them). Kept as
-- file_counts is (000016): statement triggers on file_tags, which every change of a tagged file
-- reaches (tagging and untagging, trashing and restoring, deleting a file or a tag, for good or
-- by the cascade from its owner), add up the rows each statement changed and insert the changes
-- as rows of their own, which the readers sum. Only inserting, the counters make no
-- transaction wait for another (two purges of files of the same tag, say); now and then (one
-- statement in 32) a statement folds the tag's rows into one per kind, taking only the rows no
-- one else holds (SKIP LOCKED). Trashed files are not counted: no list of a tag shows the
-- trash, and a tag's list shows an album's files one by one, so none stands behind another.
-- Nothing else writes these rows; a tag's rows go with the tag.
CREATE TABLE tag_counts (
    id       bigserial PRIMARY KEY,
    owner_id bigint    NOT NULL,
    tag_id   bigint    NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    kind     text      NOT NULL,
    files    bigint    NOT NULL
);
-- The readers, the folds and the cascade from a deleted tag all find a tag's rows by its id.
CREATE INDEX tag_counts_tag_idx ON tag_counts (tag_id, owner_id, kind) INCLUDE (files);

-- apply_tag_count_deltas records the changes of one statement (a tag that went with the same
-- statement, or before it in the cascade, has no counters left to change), and folds a tag's
-- rows now and then.
CREATE FUNCTION apply_tag_count_deltas(deltas jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    fold bigint;
BEGIN
    WITH added AS (
        INSERT INTO tag_counts (owner_id, tag_id, kind, files)
        SELECT t.owner_id, d.tag_id, d.kind, d.files
        FROM jsonb_to_recordset(deltas) AS d(tag_id bigint, kind text, files bigint)
        JOIN tags t ON t.id = d.tag_id
        RETURNING id, tag_id
    )
    SELECT min(tag_id) INTO fold FROM added WHERE id % 32 = 0;
    IF fold IS NOT NULL THEN
        PERFORM fold_tag_counts(fold);
    END IF;
END $$;

-- fold_tag_counts sums a tag's rows into one per kind, leaving out those another transaction
-- holds, and drops the counters that came to nothing.
CREATE FUNCTION fold_tag_counts(tag bigint) RETURNS void LANGUAGE sql AS $$
    WITH gone AS (
        DELETE FROM tag_counts WHERE id IN (
            SELECT id FROM tag_counts WHERE tag_id = tag FOR UPDATE SKIP LOCKED)
        RETURNING owner_id, tag_id, kind, files
    )
    INSERT INTO tag_counts (owner_id, tag_id, kind, files)
    SELECT owner_id, tag_id, kind, sum(files)
    FROM gone GROUP BY 1, 2, 3
    HAVING sum(files) <> 0;
$$;

CREATE FUNCTION tag_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_tag_count_deltas(coalesce(jsonb_agg(d), '[]'))
    FROM (SELECT tag_id, kind, count(*) AS files FROM new_rows WHERE NOT trashed GROUP BY 1, 2) d;
    RETURN NULL;
END $$;

CREATE FUNCTION tag_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_tag_count_deltas(coalesce(jsonb_agg(d), '[]'))
    FROM (SELECT tag_id, kind, -count(*) AS files FROM old_rows WHERE NOT trashed GROUP BY 1, 2) d;
    RETURN NULL;
END $$;

-- An update moves a file between counters when it trashes or restores it (or changes its kind);
-- a rename moves none, and writes nothing.
CREATE FUNCTION tag_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_tag_count_deltas(coalesce(jsonb_agg(d), '[]'))
    FROM (SELECT tag_id, kind, sum(files) AS files
        FROM (SELECT tag_id, kind, 1 AS files FROM new_rows WHERE NOT trashed
            UNION ALL
            SELECT tag_id, kind, -1 FROM old_rows WHERE NOT trashed) m
        GROUP BY 1, 2
        HAVING sum(files) <> 0) d;
    RETURN NULL;
END $$;

CREATE TRIGGER tag_counts_insert AFTER INSERT ON file_tags
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tag_counts_after_insert();
CREATE TRIGGER tag_counts_delete AFTER DELETE ON file_tags
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tag_counts_after_delete();
CREATE TRIGGER tag_counts_update AFTER UPDATE ON file_tags
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tag_counts_after_update();

INSERT INTO tag_counts (owner_id, tag_id, kind, files)
SELECT owner_id, tag_id, kind, count(*)
FROM file_tags WHERE NOT trashed GROUP BY 1, 2, 3;
