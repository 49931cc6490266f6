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

// An adapter may send a unit of work's statements together: writes waiting for the next read or
// the commit, reads sent ahead with the one asked for, an update's first reads guessed from the
// sender's previous update (see the postgres adapter's pipe). These contracts walk the sequences
// that take those paths: whatever travels together, every call answers as it would alone.
func testBatched(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"an update's first reads, update after update, answer what the previous one stored", func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			conv := domain.Conversation{UserID: u.ID, Step: domain.StepSearch, ExpiresAt: t0.Add(time.Hour), PromptMessageID: 5}
			for i, name := range []string{"ann", "anna", "annie"} {
				var first bool
				var got domain.User
				var gotConv domain.Conversation
				var banErr error
				do(t, uow, func(ctx context.Context, r app.Repos) {
					var err error
					first, err = r.Updates.ClaimFor(ctx, 9, int64(100+i))
					require.NoError(t, err)
					_, banErr = r.Bans.Get(ctx, u.TelegramID)
					p := newUser(u.TelegramID)
					p.Username, p.LastSeenAt = name, t0.Add(time.Duration(i)*time.Minute)
					got, err = r.Users.Upsert(ctx, p)
					require.NoError(t, err)
					if i > 0 {
						gotConv, err = r.Conversations.Get(ctx, got.ID, t0)
						require.NoError(t, err)
					}
					require.NoError(t, r.Conversations.Put(ctx, conv))
				})
				assert.True(t, first, "update %d", i)
				assert.ErrorIs(t, banErr, domain.ErrNotFound)
				assert.Equal(t, name, got.Username)
				assert.Equal(t, u.ID, got.ID)
				assert.True(t, got.LastSeenAt.Equal(t0.Add(time.Duration(i)*time.Minute)))
				if i > 0 {
					assert.Equal(t, conv.Step, gotConv.Step)
					assert.Equal(t, conv.PromptMessageID, gotConv.PromptMessageID)
				}
			}
		}},
		{"a setting changed between two updates is what the next update reads", func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Users.Upsert(ctx, newUser(u.TelegramID))
				return err
			})
			must(t, uow, func(ctx context.Context, r app.Repos) error {
				return r.Users.UpdateSettings(ctx, u.ID, domain.Settings{PageSize: 5, Language: u.Language})
			})
			var got, again domain.User
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Updates.ClaimFor(ctx, 9, 1)
				require.NoError(t, err)
				got, err = r.Users.Upsert(ctx, newUser(u.TelegramID))
				require.NoError(t, err)
				again, err = r.Users.Get(ctx, u.ID)
				require.NoError(t, err)
			})
			assert.Equal(t, 5, got.PageSize)
			assert.Equal(t, 5, again.PageSize)
		}},
		{"a conversation written, then read and taken in the same unit of work, is there", func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			conv := domain.Conversation{UserID: u.ID, Step: domain.StepSearch, ExpiresAt: t0.Add(time.Hour)}
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Conversations.Put(ctx, conv))
				require.NoError(t, r.Conversations.SetPrompt(ctx, u.ID, domain.StepSearch, 12))
				got, err := r.Conversations.Get(ctx, u.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, 12, got.PromptMessageID)
				taken, err := r.Conversations.Take(ctx, u.ID)
				require.NoError(t, err)
				assert.Equal(t, domain.StepSearch, taken.Step)
				_, err = r.Conversations.Get(ctx, u.ID, t0)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
			var err error
			do(t, uow, func(ctx context.Context, r app.Repos) { _, err = r.Conversations.Take(ctx, u.ID) })
			assert.ErrorIs(t, err, domain.ErrNotFound, "taken for good")
		}},
		{"a file's tags and category, read after the file, are as stored, a write between included", func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			f := mustSave(t, uow, newFile(u.ID, "b1", domain.KindPhoto))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				c, err := r.Categories.Create(ctx, newCategory(u.ID, "Trips"))
				require.NoError(t, err)
				f.CategoryID = &c.ID
				require.NoError(t, r.Files.Update(ctx, f))
				require.NoError(t, r.Tags.Add(ctx, u.ID, f.ID, []string{"sea"}, t0))
			})
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Files.Get(ctx, u.ID, f.ID)
				require.NoError(t, err)
				tags, err := r.Tags.OfFile(ctx, u.ID, f.ID)
				require.NoError(t, err)
				assert.Equal(t, []string{"sea"}, tagNames(tags))
				c, err := r.Categories.Get(ctx, u.ID, *got.CategoryID)
				require.NoError(t, err)
				assert.Equal(t, "Trips", c.Name)

				_, err = r.Files.Get(ctx, u.ID, f.ID)
				require.NoError(t, err)
				require.NoError(t, r.Tags.Add(ctx, u.ID, f.ID, []string{"beach"}, t0))
				tags, err = r.Tags.OfFile(ctx, u.ID, f.ID)
				require.NoError(t, err)
				assert.Equal(t, []string{"beach", "sea"}, tagNames(tags), "the tag added after the file was read")
				require.NoError(t, r.Categories.Rename(ctx, u.ID, c.ID, "Holidays"))
				c, err = r.Categories.Get(ctx, u.ID, c.ID)
				require.NoError(t, err)
				assert.Equal(t, "Holidays", c.Name)
			})
		}},
		{"a page's count, after a file saved between the page and the count, counts it", func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			mustSave(t, uow, newFile(u.ID, "p1", domain.KindPhoto))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				q := app.FileQuery{OwnerID: u.ID, Limit: 9}
				page, err := r.Files.List(ctx, q)
				require.NoError(t, err)
				require.Len(t, page, 1)
				total, _, err := r.Files.CountList(ctx, q, 0)
				require.NoError(t, err)
				assert.Equal(t, 1, total)
				_, err = r.Files.List(ctx, q)
				require.NoError(t, err)
				_, _, err = r.Files.Save(ctx, newFile(u.ID, "p2", domain.KindPhoto))
				require.NoError(t, err)
				total, _, err = r.Files.CountList(ctx, q, 0)
				require.NoError(t, err)
				assert.Equal(t, 2, total)
				byKind, err := r.Files.CountByKind(ctx, u.ID)
				require.NoError(t, err)
				assert.Equal(t, 2, byKind[domain.KindPhoto])
				trashed, err := r.Files.CountTrashed(ctx, u.ID)
				require.NoError(t, err)
				assert.Zero(t, trashed)
			})
		}},
	})
}

func tagNames(tags []domain.Tag) []string {
	names := make([]string, len(tags))
	for i, tg := range tags {
		names[i] = tg.Name
	}
	return names
}
