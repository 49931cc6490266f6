-- name: PutConversation :batchexec
-- One conversation per user: a new one replaces the old.
INSERT INTO conversations (user_id, step, file_id, category_id, expires_at, prompt_message_id,
    return_kind, return_category_id, return_uncategorised, return_trashed, return_search_id,
    return_cursor_id, return_backward, return_tag_id, return_cursor_page, updated_at)
VALUES (@user_id, @step, @file_id, @category_id, @expires_at, @prompt_message_id,
    @return_kind, @return_category_id, @return_uncategorised, @return_trashed, @return_search_id,
    @return_cursor_id, @return_backward, @return_tag_id, @return_cursor_page, now())
ON CONFLICT (user_id) DO UPDATE SET
    step                 = EXCLUDED.step,
    file_id              = EXCLUDED.file_id,
    category_id          = EXCLUDED.category_id,
    expires_at           = EXCLUDED.expires_at,
    prompt_message_id    = EXCLUDED.prompt_message_id,
    return_kind          = EXCLUDED.return_kind,
    return_category_id   = EXCLUDED.return_category_id,
    return_uncategorised = EXCLUDED.return_uncategorised,
    return_trashed       = EXCLUDED.return_trashed,
    return_search_id     = EXCLUDED.return_search_id,
    return_cursor_id     = EXCLUDED.return_cursor_id,
    return_backward      = EXCLUDED.return_backward,
    return_tag_id        = EXCLUDED.return_tag_id,
    return_cursor_page   = EXCLUDED.return_cursor_page,
    updated_at           = EXCLUDED.updated_at;

-- name: GetLiveConversation :batchone
-- An expired conversation is as good as none (domain.Conversation.Expired: over at expires_at).
SELECT * FROM conversations
WHERE user_id = @user_id AND expires_at > @now;

-- name: ClearConversation :batchexec
DELETE FROM conversations
WHERE user_id = $1;

-- name: TakeConversation :batchone
-- Ends the user's conversation, live or expired, and returns it: an expired one still has a
-- prompt whose Cancel button is to be taken away.
DELETE FROM conversations
WHERE user_id = $1
RETURNING *;

-- name: SetConversationPrompt :batchexec
-- Records the message that asked for the conversation's next step, once it was sent.
UPDATE conversations SET prompt_message_id = @prompt_message_id
WHERE user_id = @user_id AND step = @step;
