-- name: PutConversation :exec
-- One conversation per user: a new one replaces the old.
INSERT INTO conversations (user_id, step, file_id, category_id, context, expires_at, updated_at)
VALUES (@user_id, @step, @file_id, @category_id, @context, @expires_at, now())
ON CONFLICT (user_id) DO UPDATE SET
    step        = EXCLUDED.step,
    file_id     = EXCLUDED.file_id,
    category_id = EXCLUDED.category_id,
    context     = EXCLUDED.context,
    expires_at  = EXCLUDED.expires_at,
    updated_at  = EXCLUDED.updated_at;

-- name: GetLiveConversation :one
-- An expired conversation is as good as none (domain.Conversation.Expired: over at expires_at).
SELECT * FROM conversations
WHERE user_id = @user_id AND expires_at > @now;

-- name: ClearConversation :exec
DELETE FROM conversations
WHERE user_id = $1;
