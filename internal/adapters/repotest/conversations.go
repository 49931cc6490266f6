package repotest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func testConversations(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork, forgeStep ForgeStep) {
	expires := t0.Add(10 * time.Minute)
	photos := domain.Place{Filter: domain.FileFilter{Kind: domain.KindPhoto}, Cursor: domain.Cursor{ID: 40}}
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a conversation is read back as put until it expires", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			convs := []domain.Conversation{
				{UserID: user.ID, Step: domain.StepRenameFile, FileID: 7, Return: photos, ExpiresAt: expires},
				{UserID: user.ID, Step: domain.StepRenameCategory, CategoryID: 9, ExpiresAt: expires},
				{UserID: user.ID, Step: domain.StepNewCategory, ExpiresAt: expires},
				{UserID: user.ID, Step: domain.StepUpload, FileID: 1, CategoryID: 2, ExpiresAt: expires,
					Return: domain.Place{Filter: domain.FileFilter{CategoryID: 2}, Cursor: domain.Cursor{ID: 9, Backward: true}}},
				{UserID: user.ID, Step: domain.StepRenameFile, FileID: 3, ExpiresAt: expires,
					Return: domain.Place{Filter: domain.FileFilter{Kind: domain.KindVideo, Uncategorised: true}}},
				{UserID: user.ID, Step: domain.StepRenameFile, FileID: 4, ExpiresAt: expires,
					Return: domain.Place{Filter: domain.FileFilter{Trashed: true}, Cursor: domain.Cursor{ID: 1 << 40}}},
				{UserID: user.ID, Step: domain.StepSearch, Return: domain.Place{Filter: domain.FileFilter{SearchID: 12}}, ExpiresAt: expires},
			}
			for _, info := range domain.Steps() { // every step of the registry, one added later too
				convs = append(convs, domain.Conversation{UserID: user.ID, Step: info.Step, Return: photos, ExpiresAt: expires})
			}
			for _, c := range convs {
				do(t, uow, func(ctx context.Context, r app.Repos) {
					require.NoError(t, r.Conversations.Put(ctx, c))
					got, err := r.Conversations.Get(ctx, user.ID, t0)
					require.NoError(t, err)
					assert.Equal(t, c, utcConversation(got))
				})
			}
		}},
		{"a new conversation replaces the user's previous one", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			first := domain.Conversation{UserID: user.ID, Step: domain.StepRenameFile, FileID: 7, Return: photos, ExpiresAt: expires}
			second := domain.Conversation{UserID: user.ID, Step: domain.StepUpload, ExpiresAt: expires.Add(time.Hour)}
			mustPut(t, uow, first)
			mustPut(t, uow, second)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, second, utcConversation(got), "no field of the first is left")
			})
		}},
		{"a conversation is over at its expiry time", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			mustPut(t, uow, domain.Conversation{UserID: user.ID, Step: domain.StepNewCategory, ExpiresAt: expires})
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Conversations.Get(ctx, user.ID, expires.Add(-time.Microsecond))
				require.NoError(t, err, "a microsecond before")
				_, err = r.Conversations.Get(ctx, user.ID, expires)
				require.ErrorIs(t, err, domain.ErrNotFound, "at the expiry time")
				_, err = r.Conversations.Get(ctx, user.ID, expires.Add(time.Hour))
				require.ErrorIs(t, err, domain.ErrNotFound, "after it")
			})
		}},
		{"expiry is kept and compared to the microsecond", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			mustPut(t, uow, domain.Conversation{UserID: user.ID, Step: domain.StepNewCategory, ExpiresAt: expires.Add(999 * time.Nanosecond)})
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.True(t, expires.Equal(got.ExpiresAt), "expires at %v", got.ExpiresAt)
				_, err = r.Conversations.Get(ctx, user.ID, expires.Add(500*time.Nanosecond))
				require.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"an expired conversation is replaced by a new one", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			mustPut(t, uow, domain.Conversation{UserID: user.ID, Step: domain.StepNewCategory, ExpiresAt: t0})
			renewed := domain.Conversation{UserID: user.ID, Step: domain.StepRenameFile, FileID: 3, ExpiresAt: expires}
			mustPut(t, uow, renewed)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, renewed, utcConversation(got))
			})
		}},
		{"a user without a conversation has none", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Conversations.Get(ctx, user.ID, t0)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"clearing ends the conversation, and clearing none is no error", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			mustPut(t, uow, domain.Conversation{UserID: user.ID, Step: domain.StepNewCategory, ExpiresAt: expires})
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Conversations.Clear(ctx, user.ID))
				_, err := r.Conversations.Get(ctx, user.ID, t0)
				require.ErrorIs(t, err, domain.ErrNotFound)
				require.NoError(t, r.Conversations.Clear(ctx, user.ID))
				require.NoError(t, r.Conversations.Clear(ctx, user.ID+1000))
			})
		}},
		{"take ends the conversation and returns it, even an expired one", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := domain.Conversation{UserID: user.ID, Step: domain.StepSearch, Return: photos, ExpiresAt: t0, PromptMessageID: 77}
			mustPut(t, uow, c)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Conversations.Take(ctx, user.ID)
				require.NoError(t, err)
				assert.Equal(t, c, utcConversation(got))
				_, err = r.Conversations.Take(ctx, user.ID)
				require.ErrorIs(t, err, domain.ErrNotFound, "taken once")
				_, err = r.Conversations.Get(ctx, user.ID, t0.Add(-time.Hour))
				require.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"the prompt is recorded at its step only and kept by a put", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := domain.Conversation{UserID: user.ID, Step: domain.StepRenameFile, FileID: 5, ExpiresAt: expires}
			mustPut(t, uow, c)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Conversations.SetPrompt(ctx, user.ID, domain.StepSearch, 9))
				got, err := r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.Zero(t, got.PromptMessageID, "another step's prompt")
				require.NoError(t, r.Conversations.SetPrompt(ctx, user.ID, domain.StepRenameFile, 12))
				got, err = r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, 12, got.PromptMessageID)
				got.ExpiresAt = expires.Add(time.Hour)
				require.NoError(t, r.Conversations.Put(ctx, got))
				again, err := r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, 12, again.PromptMessageID)
				require.NoError(t, r.Conversations.SetPrompt(ctx, user.ID+1000, domain.StepRenameFile, 1), "nobody's: nothing")
			})
		}},
		{"two users' conversations are apart", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			other := mustUpsert(t, uow, newUser(user.TelegramID+1))
			mine := domain.Conversation{UserID: user.ID, Step: domain.StepNewCategory, ExpiresAt: expires}
			theirs := domain.Conversation{UserID: other.ID, Step: domain.StepUpload, CategoryID: 4, ExpiresAt: expires}
			mustPut(t, uow, mine)
			mustPut(t, uow, theirs)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Conversations.Clear(ctx, other.ID))
				got, err := r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, mine, utcConversation(got))
			})
		}},
		{"a stored step the registry does not know reads as no conversation, and take ends it", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			mustPut(t, uow, domain.Conversation{UserID: user.ID, Step: domain.StepNewCategory, Return: photos, ExpiresAt: expires})
			forgeStep(t, uow, user.ID, "dance")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Conversations.Get(ctx, user.ID, t0)
				require.ErrorIs(t, err, domain.ErrNotFound)
				_, err = r.Conversations.Take(ctx, user.ID)
				require.ErrorIs(t, err, domain.ErrNotFound)
			})
			renewed := domain.Conversation{UserID: user.ID, Step: domain.StepSearch, ExpiresAt: expires}
			mustPut(t, uow, renewed)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Conversations.Get(ctx, user.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, renewed, utcConversation(got), "a new flow starts afresh")
			})
		}},
		{"a conversation of an unknown step or an unknown user is refused", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			for _, c := range []domain.Conversation{
				{UserID: user.ID, Step: "dance", ExpiresAt: expires},
				{UserID: user.ID, Step: "", ExpiresAt: expires},
				{UserID: user.ID + 1000, Step: domain.StepNewCategory, ExpiresAt: expires},
			} {
				err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
					return r.Conversations.Put(ctx, c)
				})
				assert.Error(t, err, "step %q of user %d", c.Step, c.UserID)
			}
		}},
	})
}

// ForgeStep sets the step of the user's stored conversation as it is, bypassing Put's check, as a
// newer version of the bot that knows more steps would have left it.
type ForgeStep func(t *testing.T, uow app.UnitOfWork, userID int64, step domain.Step)

func mustPut(t *testing.T, uow app.UnitOfWork, c domain.Conversation) {
	t.Helper()
	must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Conversations.Put(ctx, c) })
}

func utcConversation(c domain.Conversation) domain.Conversation {
	c.ExpiresAt = c.ExpiresAt.UTC()
	return c
}
