-- The steps of the multi-step flows are Go's (domain.Steps, the step registry): a new flow needs no
-- migration. A step this version does not know (a newer version wrote it) reads as no conversation.
ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_step_check;

-- Where a flow returns when it ends (domain.Place: a page of a file list) as typed columns, in
-- place of the encoded Telegram button kept in context. The flows under way at the upgrade (they
-- live minutes) return to the first page of every file.
ALTER TABLE conversations
    ADD COLUMN return_kind          text    NOT NULL DEFAULT '',
    ADD COLUMN return_category_id   bigint  NOT NULL DEFAULT 0,
    ADD COLUMN return_uncategorised boolean NOT NULL DEFAULT false,
    ADD COLUMN return_trashed       boolean NOT NULL DEFAULT false,
    ADD COLUMN return_search_id     bigint  NOT NULL DEFAULT 0,
    ADD COLUMN return_cursor_id     bigint  NOT NULL DEFAULT 0,
    ADD COLUMN return_backward      boolean NOT NULL DEFAULT false,
    DROP COLUMN context;
