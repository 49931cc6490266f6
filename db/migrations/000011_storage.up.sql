-- A Telegram file id is valid only for the bot that received it: each file records that bot (its
-- Telegram id; NULL for files kept before this, which the bot running since adopts at start), and
-- its copy in the storage chat (STORAGE_CHAT_ID), from which any later bot can take the file.
ALTER TABLE files
    ADD COLUMN bot_id             bigint,
    ADD COLUMN storage_chat_id    bigint,
    ADD COLUMN storage_message_id bigint,
    ADD CONSTRAINT files_storage_copy_whole CHECK ((storage_chat_id IS NULL) = (storage_message_id IS NULL));

-- The backfill walks the files with no copy, the rebind those of another bot, by id.
CREATE INDEX files_uncopied_idx ON files (id) WHERE storage_message_id IS NULL;
CREATE INDEX files_bot_id_idx ON files (bot_id, id);

-- The copies of files deleted for good, to be deleted from the storage chat too (unless
-- STORAGE_KEEP_DELETED). A trigger records them, so that no way of deleting a file (the trash
-- emptied or purged, a user removed) leaves its copy behind unknown.
CREATE TABLE storage_deletions (
    chat_id    bigint      NOT NULL,
    message_id bigint      NOT NULL,
    file_id    bigint      NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chat_id, message_id)
);

CREATE FUNCTION files_record_storage_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO storage_deletions (chat_id, message_id, file_id)
    VALUES (OLD.storage_chat_id, OLD.storage_message_id, OLD.id)
    ON CONFLICT DO NOTHING;
    RETURN OLD;
END;
$$;

CREATE TRIGGER files_storage_deletion AFTER DELETE ON files
    FOR EACH ROW WHEN (OLD.storage_message_id IS NOT NULL)
    EXECUTE FUNCTION files_record_storage_deletion();
