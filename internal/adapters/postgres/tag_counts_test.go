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

// The counters of tag_counts stay few per tag however many files are tagged and untagged, and
// transactions tagging and untagging the same tag's files at once lose no count.
func TestTagCountsStayFewAndExactUnderConcurrentTagging(t *testing.T) {
	pool := newPool(t)
	uow := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
	const writers, each = 4, 100
	var owner int64
	files := make([][]int64, writers)
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		u, err := domain.NewUser(domain.Profile{TelegramID: 7, FirstName: "Ada"}, time.Now())
		if err != nil {
			return err
		}
		if u, err = r.Users.Upsert(ctx, u); err != nil {
			return err
		}
		owner = u.ID
		for w := range writers {
			for i := range each {
				f := domain.File{OwnerID: owner, TelegramFileID: "id", UniqueID: fmt.Sprintf("u%d-%d", w, i),
					Name: "a.pdf", MIMEType: "application/pdf", Size: 10, Kind: domain.KindDocument,
					Carrier: domain.KindDocument, CreatedAt: time.Now()}
				saved, _, err := r.Files.Save(ctx, f)
				if err != nil {
					return err
				}
				files[w] = append(files[w], saved.ID)
			}
		}
		// The tag exists before the writers start: "keep" stays on one file throughout.
		return r.Tags.Add(ctx, owner, files[0][0], []string{"keep"}, time.Now())
	}))
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			for i, id := range files[w] {
				errs[w] = uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
					if err := r.Tags.Add(ctx, owner, id, []string{"keep", "work"}, time.Now()); err != nil {
						return err
					}
					if i%4 == 0 { // a quarter keeps "work"; the others are untagged again, in the same transaction
						return nil
					}
					return r.Tags.Remove(ctx, owner, id, []string{"work"})
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
		for name, want := range map[string]int{"keep": writers * each, "work": writers * each / 4} {
			tag, err := r.Tags.ByName(ctx, owner, name)
			require.NoError(t, err)
			n, _, err := r.Files.CountList(ctx, app.FileQuery{OwnerID: owner, TagID: tag.ID}, 0)
			require.NoError(t, err)
			assert.Equal(t, want, n, "files tagged %q", name)
		}
		return nil
	}))
	var rows int
	require.NoError(t, pool.QueryRow(t.Context(), "SELECT count(*) FROM tag_counts WHERE owner_id = $1", owner).Scan(&rows))
	assert.Less(t, rows, 100, "%d taggings left %d counter rows: they are folded now and then", 2*writers*each, rows)
}
