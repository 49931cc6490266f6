package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestInboxOnce(t *testing.T) {
	ctx := context.Background()

	t.Run("the first handling of an update runs", func(t *testing.T) {
		f := newFixture(app.Limits{})
		runs := 0
		first, err := f.app.Updates.Once(ctx, 100, func(context.Context) error { runs++; return nil })
		require.NoError(t, err)
		assert.True(t, first)
		assert.Equal(t, 1, runs)
	})

	t.Run("a replayed update does not run again", func(t *testing.T) {
		f := newFixture(app.Limits{})
		runs := 0
		count := func(context.Context) error { runs++; return nil }
		_, err := f.app.Updates.Once(ctx, 100, count)
		require.NoError(t, err)

		first, err := f.app.Updates.Once(ctx, 100, count)
		require.NoError(t, err)
		assert.False(t, first)
		assert.Equal(t, 1, runs)
	})

	t.Run("another update runs on its own", func(t *testing.T) {
		f := newFixture(app.Limits{})
		runs := 0
		count := func(context.Context) error { runs++; return nil }
		_, err := f.app.Updates.Once(ctx, 100, count)
		require.NoError(t, err)

		first, err := f.app.Updates.Once(ctx, 101, count)
		require.NoError(t, err)
		assert.True(t, first)
		assert.Equal(t, 2, runs)
	})

	t.Run("a failed handling is undone so the update runs again", func(t *testing.T) {
		f := newFixture(app.Limits{})
		errFailed := errors.New("telegram is down")
		first, err := f.app.Updates.Once(ctx, 100, func(context.Context) error { return errFailed })
		assert.ErrorIs(t, err, errFailed)
		assert.False(t, first)

		runs := 0
		first, err = f.app.Updates.Once(ctx, 100, func(context.Context) error { runs++; return nil })
		require.NoError(t, err)
		assert.True(t, first)
		assert.Equal(t, 1, runs)
	})
}

func TestInboxOnceUndoesTheUseCasesOfAFailedHandling(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	errFailed := errors.New("could not answer")
	handle := func(fail bool) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			u, err := f.app.Commands.RegisterUser.Handle(ctx, domain.Profile{TelegramID: 42, FirstName: "Ann"})
			if err != nil {
				return err
			}
			if _, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: u.ID, File: document("report")}); err != nil {
				return err
			}
			if fail {
				return errFailed
			}
			return nil
		}
	}

	_, err := f.app.Updates.Once(ctx, 100, handle(true))
	require.ErrorIs(t, err, errFailed)

	t.Run("the user registered by the failed handling is gone", func(t *testing.T) {
		_, err := f.store.Repos().Users.ByTelegramID(ctx, 42)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	first, err := f.app.Updates.Once(ctx, 100, handle(false))
	require.NoError(t, err)
	require.True(t, first)
	user, err := f.store.Repos().Users.ByTelegramID(ctx, 42)
	require.NoError(t, err)

	t.Run("the retried handling keeps the file once", func(t *testing.T) {
		page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: user.ID})
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
		assert.Equal(t, "report.pdf", page.Items[0].Name)
	})

	t.Run("a replay of the handled update changes nothing", func(t *testing.T) {
		first, err := f.app.Updates.Once(ctx, 100, func(ctx context.Context) error {
			t.Error("a replayed update ran")
			return nil
		})
		require.NoError(t, err)
		assert.False(t, first)
		counts, err := f.app.Queries.FileCounts.Handle(ctx, user.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, counts.Total)
	})
}
