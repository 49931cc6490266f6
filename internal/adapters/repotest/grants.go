package repotest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// testShareGrants covers the grants that let a viewer use the buttons of a link they opened.
func testShareGrants(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	tests := []struct {
		name string
		run  func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share)
	}{
		{"a share is granted only to the viewers who were given it", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			third := mustUpsert(t, uow, newUser(3))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Shares.Grant(ctx, sh.ID, s.other.ID, t0))
			})
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Shares.Granted(ctx, sh.ID, s.other.ID)
				require.NoError(t, err)
				assert.Equal(t, sh, utcShare(got))
				_, err = r.Shares.Granted(ctx, sh.ID, third.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "a viewer who never opened it")
				_, err = r.Shares.Granted(ctx, sh.ID, s.owner.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "not even its owner, who never opened it")
				_, err = r.Shares.Granted(ctx, sh.ID+1000, s.other.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "an unknown share")
			})
		}},
		{"a grant is for one share: another share of the same owner is not granted", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			second := mustShare(t, uow, newShare(s.owner.ID, "second", 0, s.category.ID))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Shares.Grant(ctx, sh.ID, s.other.ID, t0))
				_, err := r.Shares.Granted(ctx, second.ID, s.other.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"granting again is harmless", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Shares.Grant(ctx, sh.ID, s.other.ID, t0))
				require.NoError(t, r.Shares.Grant(ctx, sh.ID, s.other.ID, t0.Add(time.Hour)))
				_, err := r.Shares.Granted(ctx, sh.ID, s.other.ID)
				assert.NoError(t, err)
			})
		}},
		{"a revoked share is still granted, revoked: the use case refuses it", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Shares.Grant(ctx, sh.ID, s.other.ID, t0))
				require.NoError(t, r.Shares.Revoke(ctx, sh.OwnerID, sh.ID, t0))
				got, err := r.Shares.Granted(ctx, sh.ID, s.other.ID)
				require.NoError(t, err)
				assert.False(t, got.Active())
			})
		}},
		{"a grant of an unknown share or to an unknown user is refused", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			for i, g := range [][2]int64{{sh.ID + 1000, s.other.ID}, {sh.ID, s.other.ID + 1000}} {
				err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
					return r.Shares.Grant(ctx, g[0], g[1], t0)
				})
				assert.Error(t, err, i)
			}
		}},
		{"the grants of a share deleted with its file are gone", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Shares.Grant(ctx, sh.ID, s.other.ID, t0))
				require.NoError(t, r.Files.Delete(ctx, s.file.OwnerID, s.file.ID))
				_, err := r.Shares.Granted(ctx, sh.ID, s.other.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"a failed unit of work leaves no grant behind", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				require.NoError(t, r.Shares.Grant(ctx, sh.ID, s.other.ID, t0))
				return errBoom
			})
			require.ErrorIs(t, err, errBoom)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Shares.Granted(ctx, sh.ID, s.other.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uow := newUOW(t)
			s := sharing{owner: mustUpsert(t, uow, newUser(1)), other: mustUpsert(t, uow, newUser(2))}
			s.file = mustSave(t, uow, newFile(s.owner.ID, "shared", domain.KindDocument))
			s.category = mustCreateCategory(t, uow, s.owner.ID, "Shared")
			tt.run(t, uow, s, mustShare(t, uow, newShare(s.owner.ID, "granted", s.file.ID, 0)))
		})
	}
}

// testSharePages covers the pages of the list of links and their count.
func testSharePages(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	owner, other := mustUpsert(t, uow, newUser(1)), mustUpsert(t, uow, newUser(2))
	file := mustSave(t, uow, newFile(owner.ID, "shared", domain.KindDocument))
	theirs := mustSave(t, uow, newFile(other.ID, "theirs", domain.KindDocument))
	var ids []int64 // the owner's active shares, oldest first
	for i := range 7 {
		sh := mustShare(t, uow, newShare(owner.ID, fmt.Sprint("s", i), file.ID, 0))
		mustShare(t, uow, newShare(other.ID, fmt.Sprint("o", i), theirs.ID, 0))
		if i == 3 {
			do(t, uow, func(ctx context.Context, r app.Repos) { require.NoError(t, r.Shares.Revoke(ctx, owner.ID, sh.ID, t0)) })
			continue
		}
		ids = append(ids, sh.ID)
	}
	page := func(q app.ShareQuery) []int64 {
		var list []domain.ShareSummary
		do(t, uow, func(ctx context.Context, r app.Repos) {
			var err error
			list, err = r.Shares.ListActivePage(ctx, q)
			require.NoError(t, err)
		})
		for _, l := range list {
			assert.Equal(t, file.Name, l.Name)
		}
		return shareIDs(list)
	}
	newest := []int64{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}
	tests := []struct {
		name string
		q    app.ShareQuery
		want []int64
	}{
		{"the first page is the newest active shares", app.ShareQuery{OwnerID: owner.ID, Limit: 3}, newest[:3]},
		{"after an id come the older ones", app.ShareQuery{OwnerID: owner.ID, AfterID: ids[3], Limit: 3}, newest[3:6]},
		{"before an id come the newer ones, oldest first", app.ShareQuery{OwnerID: owner.ID, BeforeID: ids[1], Limit: 3}, []int64{ids[2], ids[3], ids[4]}},
		{"a page past the end is empty", app.ShareQuery{OwnerID: owner.ID, AfterID: ids[0], Limit: 3}, []int64{}},
		{"a user without shares has none", app.ShareQuery{OwnerID: owner.ID + 1000, Limit: 3}, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, page(tt.q)) })
	}
	t.Run("a page with both bounds or no room is refused", func(t *testing.T) {
		for _, q := range []app.ShareQuery{{OwnerID: owner.ID, AfterID: 5, BeforeID: 1, Limit: 3}, {OwnerID: owner.ID}} {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Shares.ListActivePage(ctx, q)
				return err
			})
			assert.Error(t, err)
		}
	})
	t.Run("only the active shares are counted", func(t *testing.T) {
		do(t, uow, func(ctx context.Context, r app.Repos) {
			n, err := r.Shares.CountActive(ctx, owner.ID)
			require.NoError(t, err)
			assert.Equal(t, 6, n)
			n, err = r.Shares.CountActive(ctx, owner.ID+1000)
			require.NoError(t, err)
			assert.Zero(t, n)
		})
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
	prune := func(keep int) int {
		var n int
		do(t, uow, func(ctx context.Context, r app.Repos) {
			var err error
			n, err = r.Searches.Prune(ctx, owner.ID, keep)
			require.NoError(t, err)
		})
		return n
	}
	t.Run("keeping more than there are deletes nothing", func(t *testing.T) {
		assert.Zero(t, prune(5))
		assert.Len(t, kept(mine), 5)
	})
	t.Run("the newest are kept, the older deleted and counted", func(t *testing.T) {
		assert.Equal(t, 3, prune(2))
		assert.Equal(t, []int64{mine[3].ID, mine[4].ID}, kept(mine))
	})
	t.Run("another user's searches are untouched", func(t *testing.T) {
		assert.Len(t, kept(theirs), 5)
	})
}
