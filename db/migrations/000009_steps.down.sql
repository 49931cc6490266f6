-- The older schema keeps where a flow returns as an encoded button: the flows under way return to
-- the first page of every file, and the flows of steps it does not know end.
ALTER TABLE conversations
    ADD COLUMN context text NOT NULL DEFAULT '',
    DROP COLUMN IF EXISTS return_backward,
    DROP COLUMN IF EXISTS return_cursor_id,
    DROP COLUMN IF EXISTS return_search_id,
    DROP COLUMN IF EXISTS return_trashed,
    DROP COLUMN IF EXISTS return_uncategorised,
    DROP COLUMN IF EXISTS return_category_id,
    DROP COLUMN IF EXISTS return_kind;

DELETE FROM conversations
WHERE step NOT IN ('rename_file', 'new_category', 'rename_category', 'upload', 'search');
ALTER TABLE conversations
    ADD CONSTRAINT conversations_step_check
        CHECK (step IN ('rename_file', 'new_category', 'rename_category', 'upload', 'search'));
