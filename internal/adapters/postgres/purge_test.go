package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// TestPurgeTrashedConcurrently checks what only a real database can show: purges running at once
// in separate transactions share the trash, each file deleted exactly once, and none waits for
// the files another has locked.
func TestPurgeTrashedConcurrently(t *testing.T) {
	const files = 500
	cutoff := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)

	t.Run("two purges in a loop at once delete each file exactly once", func(t *testing.T) {
		pool := newPool(t)
		uow := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
		seedTrash(t, uow, files, cutoff)
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		start := make(chan struct{})
		purged := make([]int, 2)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Go(func() {
				<-start
				for {
					var n int
					errs[i] = uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
						var err error
						n, err = r.Files.PurgeTrashed(ctx, cutoff, 7)
						return err
					})
					if errs[i] != nil || n == 0 {
						return
					}
					purged[i] += n
				}
			})
		}
		close(start)
		wg.Wait()
		require.NoError(t, errs[0])
		require.NoError(t, errs[1])
		assert.Equal(t, files, purged[0]+purged[1], "each file counted once: %v", purged)
		assert.Zero(t, countFiles(t, pool), "the table is empty")
	})

	t.Run("a purge skips the files another purge holds and does not wait for it", func(t *testing.T) {
		pool := newPool(t)
		uow := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
		seedTrash(t, uow, files, cutoff)
		held, release := make(chan int), make(chan struct{})
		var first int
		var firstErr error
		var wg sync.WaitGroup
		wg.Go(func() {
			firstErr = uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				n, err := r.Files.PurgeTrashed(ctx, cutoff, 200)
				held <- n // the transaction stays open, its 200 files locked, until released
				<-release
				first = n
				return err
			})
		})
		require.Equal(t, 200, <-held)

		// Were this purge to wait for the first one's locks it would time out.
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		var second int
		err := uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
			var err error
			second, err = r.Files.PurgeTrashed(ctx, cutoff, files)
			return err
		})
		close(release)
		wg.Wait()
		require.NoError(t, err)
		require.NoError(t, firstErr)
		assert.Equal(t, files-200, second, "the second purge took every file the first did not hold")
		assert.Equal(t, files, first+second)
		assert.Zero(t, countFiles(t, pool), "the table is empty")
	})
}

// seedTrash keeps n files trashed before cutoff, spread over five owners, in trash order unlike
// id order.
func seedTrash(t *testing.T, uow app.UnitOfWork, n int, cutoff time.Time) {
	t.Helper()
	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		var owners []int64
		for i := range 5 {
			u, err := domain.NewUser(domain.Profile{TelegramID: int64(100 + i)}, cutoff)
			if err != nil {
				return err
			}
			if u, err = r.Users.Upsert(ctx, u); err != nil {
				return err
			}
			owners = append(owners, u.ID)
		}
		for i := range n {
			deleted := cutoff.Add(-time.Duration(n-i%7) * time.Minute)
			f := domain.File{
				OwnerID: owners[i%len(owners)], TelegramFileID: fmt.Sprintf("f%d", i), UniqueID: fmt.Sprintf("u%d", i),
				Name: "x.bin", Kind: domain.KindDocument, Carrier: domain.KindDocument, CreatedAt: cutoff.Add(-time.Hour * 24), DeletedAt: &deleted,
			}
			if _, _, err := r.Files.Save(ctx, f); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
}

func countFiles(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(t.Context(), "SELECT count(*) FROM files").Scan(&n))
	return n
}
