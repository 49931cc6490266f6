package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestRegisterUser(t *testing.T) {
	ctx := context.Background()
	profile := domain.Profile{TelegramID: 42, Username: "ann", FirstName: "Ann", LastName: "Lee", LanguageCode: "en"}

	t.Run("a new user gets the defaults and joins now", func(t *testing.T) {
		f := newFixture(app.Limits{})
		u, err := f.app.Commands.RegisterUser.Handle(ctx, profile)
		require.NoError(t, err)
		assert.NotZero(t, u.ID)
		assert.Equal(t, int64(42), u.TelegramID)
		assert.Equal(t, "Ann", u.FirstName)
		assert.Equal(t, domain.DefaultPageSize, u.PageSize)
		assert.False(t, u.BlockedBot)
		assert.Equal(t, start, u.JoinedAt)
		assert.Equal(t, start, u.LastSeenAt)
	})

	t.Run("a second contact refreshes the profile but keeps the id and the join time", func(t *testing.T) {
		f := newFixture(app.Limits{})
		first, err := f.app.Commands.RegisterUser.Handle(ctx, profile)
		require.NoError(t, err)
		later := f.clock.Advance(36 * time.Hour)

		renamed := profile
		renamed.Username, renamed.FirstName, renamed.LastName, renamed.LanguageCode = "ann2", "Anna", "Lee-Smith", "ru"
		again, err := f.app.Commands.RegisterUser.Handle(ctx, renamed)
		require.NoError(t, err)

		assert.Equal(t, first.ID, again.ID)
		assert.Equal(t, start, again.JoinedAt)
		assert.Equal(t, later, again.LastSeenAt)
		assert.Equal(t, "ann2", again.Username)
		assert.Equal(t, "Anna", again.FirstName)
		assert.Equal(t, "Lee-Smith", again.LastName)
		assert.Equal(t, "ru", again.LanguageCode)
	})

	t.Run("two Telegram users become two users", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann := f.register(t, 42)
		bob := f.register(t, 43)
		assert.NotEqual(t, ann.ID, bob.ID)
	})

	t.Run("a profile without a Telegram id is refused and nothing is stored", func(t *testing.T) {
		f := newFixture(app.Limits{})
		u, err := f.app.Commands.RegisterUser.Handle(ctx, domain.Profile{Username: "ghost"})
		require.ErrorIs(t, err, domain.ErrInvalidUser)
		assert.Zero(t, u)
		_, err = f.store.Repos().Users.ByTelegramID(ctx, 0)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}
