// Package shares is the contract of app.ShareRepository's links, their grants and their pages,
// as they were before link limits (repotest/linklimits); NewShare, MustShare and UTC serve the
// other contracts that need a share.
package shares

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// The shared fixture under the short names the cases below use.
var (
	t0         = fixture.T0
	errBoom    = fixture.ErrBoom
	do         = fixture.Do
	must       = fixture.Must
	newUser    = fixture.NewUser
	mustUpsert = fixture.MustUpsert
	newFile    = fixture.NewFile
	mustSave   = fixture.MustSave
)

// Run runs the contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	t.Run("shares", func(t *testing.T) { testShares(t, newUOW) })
	t.Run("share grants", func(t *testing.T) { testShareGrants(t, newUOW) })
	t.Run("pages of shares", func(t *testing.T) { testSharePages(t, newUOW) })
}

// sharing is what the share tests share: a file and a category of the owner, and a user
// without shares.
type sharing struct {
	owner, other domain.User
	file         domain.File
	category     domain.Category
}

// seedSharing makes an owner with a file and a category, and another user.
func seedSharing(t *testing.T, uow app.UnitOfWork) sharing {
	s := sharing{owner: mustUpsert(t, uow, newUser(1)), other: mustUpsert(t, uow, newUser(2))}
	s.file = mustSave(t, uow, newFile(s.owner.ID, "shared", domain.KindDocument))
	s.category = fixture.MustCreateCategory(t, uow, s.owner.ID, "Shared")
	return s
}

func testShares(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	fixture.RunContracts(t, newUOW, seedSharing, []fixture.Contract[sharing]{
		{Name: "a new share gets an id and is got back by id and by token as created", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			for _, sh := range []domain.Share{NewShare(s.owner.ID, "file", s.file.ID, 0), NewShare(s.owner.ID, "category", 0, s.category.ID)} {
				do(t, uow, func(ctx context.Context, r app.Repos) {
					stored, err := r.Shares.Create(ctx, sh)
					require.NoError(t, err)
					assert.Positive(t, stored.ID)
					sh.ID = stored.ID
					assert.Equal(t, sh, UTC(stored))
					got, err := r.Shares.Get(ctx, sh.OwnerID, sh.ID)
					require.NoError(t, err)
					assert.Equal(t, sh, UTC(got))
					got, err = r.Shares.ByToken(ctx, sh.Token)
					require.NoError(t, err)
					assert.Equal(t, sh, UTC(got))
				})
			}
		}},
		{Name: "a token that exists is a duplicate and the unit of work carries on", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			first := MustShare(t, uow, NewShare(s.owner.ID, "taken", s.file.ID, 0))
			var second domain.Share
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Shares.Create(ctx, NewShare(s.other.ID, "taken", 0, s.category.ID))
				require.ErrorIs(t, err, domain.ErrDuplicate)
				second, err = r.Shares.Create(ctx, NewShare(s.owner.ID, "fresh", s.file.ID, 0))
				require.NoError(t, err, "the unit of work is still usable")
			})
			assert.Equal(t, []int64{second.ID, first.ID}, shareIDs(listShares(t, uow, s.owner.ID)), "the work after the duplicate was committed")
			assert.Equal(t, first.OwnerID, shareByToken(t, uow, first.Token).OwnerID, "the first share keeps its token")
		}},
		{Name: "a share of nothing, of both a file and a category, or of what does not exist is refused", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			for _, bad := range []domain.Share{
				NewShare(s.owner.ID, "nothing", 0, 0),
				NewShare(s.owner.ID, "both", s.file.ID, s.category.ID),
				NewShare(s.owner.ID, "no-file", s.file.ID+1000, 0),
				NewShare(s.owner.ID, "no-category", 0, s.category.ID+1000),
				NewShare(s.owner.ID+1000, "no-owner", s.file.ID, 0),
			} {
				err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
					_, err := r.Shares.Create(ctx, bad)
					return err
				})
				assert.Error(t, err, bad.Token)
				assert.NotErrorIs(t, err, domain.ErrDuplicate, bad.Token)
			}
			assert.Empty(t, listShares(t, uow, s.owner.ID))
		}},
		{Name: "an unknown share is not found by id or by token", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			sh := MustShare(t, uow, NewShare(s.owner.ID, "known", s.file.ID, 0))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Shares.Get(ctx, sh.OwnerID, sh.ID+1)
				assert.ErrorIs(t, err, domain.ErrNotFound)
				_, err = r.Shares.ByToken(ctx, tokenOf("unknown"))
				assert.ErrorIs(t, err, domain.ErrNotFound)
				_, err = r.Shares.ByToken(ctx, tokenOf("KNOWN"))
				assert.ErrorIs(t, err, domain.ErrNotFound, "a token is matched exactly, case included")
			})
		}},
		{Name: "the active shares are listed newest first with the names of what they share", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			a := MustShare(t, uow, NewShare(s.owner.ID, "a", s.file.ID, 0))
			b := MustShare(t, uow, NewShare(s.owner.ID, "b", 0, s.category.ID))
			revoked := MustShare(t, uow, NewShare(s.owner.ID, "revoked", s.file.ID, 0))
			c := MustShare(t, uow, NewShare(s.owner.ID, "c", s.file.ID, 0))
			theirCategory := fixture.MustCreateCategory(t, uow, s.other.ID, "Theirs")
			MustShare(t, uow, NewShare(s.other.ID, "theirs", 0, theirCategory.ID))
			must(t, uow, func(ctx context.Context, r app.Repos) error {
				return r.Shares.Revoke(ctx, revoked.OwnerID, revoked.ID, t0)
			})
			assert.Equal(t, []domain.ShareSummary{
				{Share: c, Name: s.file.Name},
				{Share: b, Name: s.category.Name},
				{Share: a, Name: s.file.Name},
			}, listShares(t, uow, s.owner.ID))
		}},
		{Name: "a share's list entry shows the current name of what it shares", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			sh := MustShare(t, uow, NewShare(s.owner.ID, "c", 0, s.category.ID))
			must(t, uow, func(ctx context.Context, r app.Repos) error {
				return r.Categories.Rename(ctx, s.category.OwnerID, s.category.ID, "Renamed")
			})
			assert.Equal(t, []domain.ShareSummary{{Share: sh, Name: "Renamed"}}, listShares(t, uow, s.owner.ID))
		}},
		{Name: "the shares of a deleted file or category are gone", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			ofFile := MustShare(t, uow, NewShare(s.owner.ID, "file", s.file.ID, 0))
			ofCategory := MustShare(t, uow, NewShare(s.owner.ID, "category", 0, s.category.ID))
			other := fixture.MustCreateCategory(t, uow, s.owner.ID, "Other")
			kept := MustShare(t, uow, NewShare(s.owner.ID, "kept", 0, other.ID))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Files.Delete(ctx, s.file.OwnerID, s.file.ID))
				_, err := r.Categories.Delete(ctx, s.category.OwnerID, s.category.ID)
				require.NoError(t, err)
			})
			assert.Equal(t, []domain.ShareSummary{{Share: kept, Name: "Other"}}, listShares(t, uow, s.owner.ID))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				for _, gone := range []domain.Share{ofFile, ofCategory} {
					_, err := r.Shares.Get(ctx, gone.OwnerID, gone.ID)
					assert.ErrorIs(t, err, domain.ErrNotFound, gone.Token)
					_, err = r.Shares.ByToken(ctx, gone.Token)
					assert.ErrorIs(t, err, domain.ErrNotFound, gone.Token)
					assert.ErrorIs(t, r.Shares.Revoke(ctx, gone.OwnerID, gone.ID, t0), domain.ErrNotFound, gone.Token)
					assert.ErrorIs(t, r.Shares.CountUse(ctx, gone.ID), domain.ErrNotFound, gone.Token)
				}
				n, err := r.Shares.RevokeForFile(ctx, s.file.ID, t0)
				require.NoError(t, err)
				assert.Zero(t, n)
			})
		}},
		{Name: "revoking twice keeps the first time, and a revoked share is still found", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			sh := MustShare(t, uow, NewShare(s.owner.ID, "revoked", s.file.ID, 0))
			first := t0.Add(time.Hour + 999*time.Nanosecond)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Shares.Revoke(ctx, sh.OwnerID, sh.ID, first))
				require.NoError(t, r.Shares.Revoke(ctx, sh.OwnerID, sh.ID, first.Add(time.Hour)))
			})
			got := shareByToken(t, uow, sh.Token)
			require.NotNil(t, got.RevokedAt)
			assert.Equal(t, t0.Add(time.Hour), got.RevokedAt.UTC(), "the first time, to the microsecond")
			assert.False(t, got.Active())
		}},
		{Name: "revoking an unknown share is not found", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			sh := MustShare(t, uow, NewShare(s.owner.ID, "known", s.file.ID, 0))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				assert.ErrorIs(t, r.Shares.Revoke(ctx, sh.OwnerID, sh.ID+1, t0), domain.ErrNotFound)
			})
		}},
		{Name: "revoking a file's shares revokes its active ones only and counts them", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			a := MustShare(t, uow, NewShare(s.owner.ID, "a", s.file.ID, 0))
			b := MustShare(t, uow, NewShare(s.owner.ID, "b", s.file.ID, 0))
			old := MustShare(t, uow, NewShare(s.owner.ID, "old", s.file.ID, 0))
			ofCategory := MustShare(t, uow, NewShare(s.owner.ID, "category", 0, s.category.ID))
			otherFile := mustSave(t, uow, newFile(s.owner.ID, "other", domain.KindPhoto))
			ofOther := MustShare(t, uow, NewShare(s.owner.ID, "other", otherFile.ID, 0))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Shares.Revoke(ctx, old.OwnerID, old.ID, t0))
				n, err := r.Shares.RevokeForFile(ctx, s.file.ID, t0.Add(time.Hour))
				require.NoError(t, err)
				assert.Equal(t, 2, n)
				n, err = r.Shares.RevokeForFile(ctx, s.file.ID, t0.Add(2*time.Hour))
				require.NoError(t, err)
				assert.Zero(t, n, "nothing left to revoke")
			})
			for _, w := range []struct {
				share   domain.Share
				revoked *time.Time
			}{{a, ptr(t0.Add(time.Hour))}, {b, ptr(t0.Add(time.Hour))}, {old, &t0}, {ofCategory, nil}, {ofOther, nil}} {
				assert.Equal(t, w.revoked, UTC(shareByToken(t, uow, w.share.Token)).RevokedAt, w.share.Token)
			}
			assert.Equal(t, []int64{ofOther.ID, ofCategory.ID}, shareIDs(listShares(t, uow, s.owner.ID)))
		}},
		{Name: "each use is counted", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			sh := MustShare(t, uow, NewShare(s.owner.ID, "used", s.file.ID, 0))
			other := MustShare(t, uow, NewShare(s.owner.ID, "unused", s.file.ID, 0))
			for range 3 {
				must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Shares.CountUse(ctx, sh.ID) })
			}
			assert.Equal(t, 3, shareByToken(t, uow, sh.Token).Uses)
			assert.Zero(t, shareByToken(t, uow, other.Token).Uses)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				assert.ErrorIs(t, r.Shares.CountUse(ctx, other.ID+1000), domain.ErrNotFound)
			})
		}},
		{Name: "a failed unit of work leaves no share, revocation or use behind", Run: func(t *testing.T, uow app.UnitOfWork, s sharing) {
			sh := MustShare(t, uow, NewShare(s.owner.ID, "kept", s.file.ID, 0))
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Shares.Create(ctx, NewShare(s.owner.ID, "new", s.file.ID, 0))
				require.NoError(t, err)
				require.NoError(t, r.Shares.Revoke(ctx, sh.OwnerID, sh.ID, t0))
				require.NoError(t, r.Shares.CountUse(ctx, sh.ID))
				return errBoom
			})
			require.ErrorIs(t, err, errBoom)
			assert.Equal(t, []domain.ShareSummary{{Share: sh, Name: s.file.Name}}, listShares(t, uow, s.owner.ID))
		}},
	})
}

// tokenOf makes a token of the shape share tokens have from a short name.
func tokenOf(name string) string { return (name + "-" + strings.Repeat("0", 22))[:22] }

// NewShare is a share of owner's file or category, named (its token made of) name.
func NewShare(owner int64, name string, fileID, categoryID int64) domain.Share {
	return domain.Share{Token: tokenOf(name), OwnerID: owner, FileID: fileID, CategoryID: categoryID, CreatedAt: t0}
}

// MustShare stores s and returns it as stored.
func MustShare(t *testing.T, uow app.UnitOfWork, s domain.Share) domain.Share {
	t.Helper()
	var stored domain.Share
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		stored, err = r.Shares.Create(ctx, s)
		require.NoError(t, err)
	})
	return UTC(stored)
}

func shareByToken(t *testing.T, uow app.UnitOfWork, token string) domain.Share {
	t.Helper()
	var s domain.Share
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		s, err = r.Shares.ByToken(ctx, token)
		require.NoError(t, err)
	})
	return s
}

// listShares lists the owner's active shares, times in UTC.
func listShares(t *testing.T, uow app.UnitOfWork, owner int64) []domain.ShareSummary {
	t.Helper()
	var list []domain.ShareSummary
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		list, err = r.Shares.ListActive(ctx, owner)
		require.NoError(t, err)
	})
	for i := range list {
		list[i].Share = UTC(list[i].Share)
	}
	return list
}

func shareIDs(list []domain.ShareSummary) []int64 {
	out := make([]int64, len(list))
	for i, s := range list {
		out[i] = s.ID
	}
	return out
}

// UTC is s with its times in UTC, so stores that return another location compare equal.
func UTC(s domain.Share) domain.Share {
	s.CreatedAt = s.CreatedAt.UTC()
	if s.Limits.ExpiresAt != nil {
		at := s.Limits.ExpiresAt.UTC()
		s.Limits.ExpiresAt = &at
	}
	if s.RevokedAt != nil {
		at := s.RevokedAt.UTC()
		s.RevokedAt = &at
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// testShareGrants covers the grants that let a viewer use the buttons of a link they opened.
func testShareGrants(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	tests := []struct {
		name string
		run  func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share)
	}{
		{"a share is granted only to the viewers who were given it", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			third := mustUpsert(t, uow, newUser(3))
			must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Shares.Grant(ctx, sh.ID, s.other.ID, t0) })
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Shares.Granted(ctx, sh.ID, s.other.ID)
				require.NoError(t, err)
				assert.Equal(t, sh, UTC(got))
				_, err = r.Shares.Granted(ctx, sh.ID, third.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "a viewer who never opened it")
				_, err = r.Shares.Granted(ctx, sh.ID, s.owner.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "not even its owner, who never opened it")
				_, err = r.Shares.Granted(ctx, sh.ID+1000, s.other.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "an unknown share")
			})
		}},
		{"a grant is for one share: another share of the same owner is not granted", func(t *testing.T, uow app.UnitOfWork, s sharing, sh domain.Share) {
			second := MustShare(t, uow, NewShare(s.owner.ID, "second", 0, s.category.ID))
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
			s := seedSharing(t, uow)
			tt.run(t, uow, s, MustShare(t, uow, NewShare(s.owner.ID, "granted", s.file.ID, 0)))
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
		sh := MustShare(t, uow, NewShare(owner.ID, fmt.Sprint("s", i), file.ID, 0))
		MustShare(t, uow, NewShare(other.ID, fmt.Sprint("o", i), theirs.ID, 0))
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
