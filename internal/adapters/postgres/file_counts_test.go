package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// The counters of file_counts stay few per owner however many files come and go, and two
// transactions saving the same owner's files at once neither wait for each other nor lose a
// count.
func TestFileCountsStayFewAndExactUnderConcurrentSaves(t *testing.T) {
	pool := newPool(t)
	uow := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
	var owner int64
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		u, err := domain.NewUser(domain.Profile{TelegramID: 7, FirstName: "Ada"}, time.Now())
		if err != nil {
			return err
		}
		u, err = r.Users.Upsert(ctx, u)
		owner = u.ID
		return err
	}))
	const writers, each = 4, 100
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				errs[w] = uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
					f := domain.File{OwnerID: owner, TelegramFileID: "id", UniqueID: fmt.Sprintf("u%d-%d", w, i),
						Name: "a.pdf", MIMEType: "application/pdf", Size: 10, Kind: domain.KindDocument,
						Carrier: domain.KindDocument, CreatedAt: time.Now()}
					_, _, err := r.Files.Save(ctx, f)
					return err
				})
				if errs[w] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		counts, err := r.Files.CountByKind(ctx, owner)
		require.NoError(t, err)
		assert.Equal(t, map[domain.Kind]int{domain.KindDocument: writers * each}, counts)
		usage, err := r.Files.Usage(ctx, owner)
		require.NoError(t, err)
		assert.Equal(t, int64(writers*each*10), usage.Bytes)
		return nil
	}))
	var rows int
	require.NoError(t, pool.QueryRow(t.Context(), "SELECT count(*) FROM file_counts WHERE owner_id = $1", owner).Scan(&rows))
	assert.Less(t, rows, 100, "%d saves left %d counter rows: they are folded now and then", writers*each, rows)
}
