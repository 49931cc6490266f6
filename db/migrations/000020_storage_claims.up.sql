-- A copy to the storage chat is claimed before it is posted (mirror.Copy): a crash after the post
-- and before it is recorded leaves the claim, and the next attempt knows its outcome is unknown.
-- floor is the highest message id of the chat recorded when the claim was first made: any post
-- of the claim's attempts has a higher id, so the next attempt looks for them between floor and
-- its own post. holder fences the record: only the attempt holding the claim records its post.
CREATE TABLE storage_claims (
    file_id  bigint      PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    chat_id  bigint      NOT NULL,
    floor    bigint      NOT NULL,
    holder   text        NOT NULL,
    attempts integer     NOT NULL DEFAULT 1,
    taken_at timestamptz NOT NULL DEFAULT now()
);

-- The floor is the highest message id recorded in the chat.
CREATE INDEX files_storage_message_idx ON files (storage_chat_id, storage_message_id)
    WHERE storage_message_id IS NOT NULL;
