-- The message that asks for a flow's next step (0: not known yet), so that its ✖ Cancel button is
-- taken away when the flow ends.
ALTER TABLE conversations ADD COLUMN prompt_message_id integer NOT NULL DEFAULT 0;

-- A file renamed since Telegram last sent it: under telegram_file_id Telegram still shows the old
-- name, so the next send uploads the file again under its new name.
ALTER TABLE files ADD COLUMN rename_pending boolean NOT NULL DEFAULT false;
