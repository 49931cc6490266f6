ALTER TABLE files DROP COLUMN rename_pending;
ALTER TABLE conversations DROP COLUMN prompt_message_id;
