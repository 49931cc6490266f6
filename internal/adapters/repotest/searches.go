package repotest

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func testSearches(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a saved search gets an id and is got back as saved", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				s, err := r.Searches.Save(ctx, domain.Search{OwnerID: user.ID, Text: "Отчёт 50%"})
				require.NoError(t, err)
				assert.Positive(t, s.ID)
				assert.Equal(t, domain.Search{ID: s.ID, OwnerID: user.ID, Text: "Отчёт 50%"}, s)
				got, err := r.Searches.Get(ctx, s.OwnerID, s.ID)
				require.NoError(t, err)
				assert.Equal(t, s, got)
			})
		}},
		{"every saved search gets a higher id, the same text too", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				a, err := r.Searches.Save(ctx, domain.Search{OwnerID: user.ID, Text: "rome"})
				require.NoError(t, err)
				b, err := r.Searches.Save(ctx, domain.Search{OwnerID: user.ID, Text: "rome"})
				require.NoError(t, err)
				assert.Greater(t, b.ID, a.ID)
			})
		}},
		{"an unknown search is not found", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				s, err := r.Searches.Save(ctx, domain.Search{OwnerID: user.ID, Text: "rome"})
				require.NoError(t, err)
				_, err = r.Searches.Get(ctx, s.OwnerID, s.ID+1)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"a search of an unknown user is refused", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Searches.Save(ctx, domain.Search{OwnerID: user.ID + 1000, Text: "rome"})
				return err
			})
			assert.Error(t, err)
		}},
	})
}

// testPruneSearches covers keeping only a user's newest saved searches.
func testPruneSearches(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	owner, other := mustUpsert(t, uow, newUser(1)), mustUpsert(t, uow, newUser(2))
	var mine, theirs []domain.Search
	do(t, uow, func(ctx context.Context, r app.Repos) {
		for i := range 5 {
			s, err := r.Searches.Save(ctx, domain.Search{OwnerID: owner.ID, Text: fmt.Sprint("q", i)})
			require.NoError(t, err)
			mine = append(mine, s)
			s, err = r.Searches.Save(ctx, domain.Search{OwnerID: other.ID, Text: fmt.Sprint("q", i)})
			require.NoError(t, err)
			theirs = append(theirs, s)
		}
	})
	kept := func(list []domain.Search) (ids []int64) {
		do(t, uow, func(ctx context.Context, r app.Repos) {
			for _, s := range list {
				if _, err := r.Searches.Get(ctx, s.OwnerID, s.ID); err == nil {
					ids = append(ids, s.ID)
				}
			}
		})
		return ids
	}
	prune := func(keep int) {
		do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Searches.Prune(ctx, owner.ID, keep))
		})
	}
	t.Run("keeping more than there are deletes nothing", func(t *testing.T) {
		prune(5)
		assert.Len(t, kept(mine), 5)
	})
	t.Run("the newest are kept, the older deleted", func(t *testing.T) {
		prune(2)
		assert.Equal(t, []int64{mine[3].ID, mine[4].ID}, kept(mine))
	})
	t.Run("a search saved in the unit of work that prunes is read back, and pruned as the others", func(t *testing.T) {
		do(t, uow, func(ctx context.Context, r app.Repos) {
			s, err := r.Searches.Save(ctx, domain.Search{OwnerID: owner.ID, Text: "new"})
			require.NoError(t, err)
			got, err := r.Searches.Get(ctx, owner.ID, s.ID)
			require.NoError(t, err)
			assert.Equal(t, s, got)
			_, err = r.Searches.Get(ctx, other.ID, s.ID)
			assert.ErrorIs(t, err, domain.ErrForbidden, "someone else's")
			require.NoError(t, r.Searches.Prune(ctx, owner.ID, 1))
			got, err = r.Searches.Get(ctx, owner.ID, s.ID)
			require.NoError(t, err, "the newest is kept")
			assert.Equal(t, s, got)
		})
		assert.Empty(t, kept(mine), "the older ones went with the commit")
	})
	t.Run("another user's searches are untouched", func(t *testing.T) {
		assert.Len(t, kept(theirs), 5)
	})
}
