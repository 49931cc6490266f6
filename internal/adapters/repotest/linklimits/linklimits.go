// Package linklimits is the contract of the limits of share links: their expiry, the people they
// admit and their protection, as stored by ShareRepository (Create, SetLimits, Admit).
package linklimits

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// seeded is an owner with a file, and three other users.
type seeded struct {
	owner         domain.User
	ann, bob, cid domain.User
	file          domain.File
}

func seed(t *testing.T, uow app.UnitOfWork) seeded {
	s := seeded{owner: fixture.MustUpsert(t, uow, fixture.NewUser(1))}
	s.ann = fixture.MustUpsert(t, uow, fixture.NewUser(2))
	s.bob = fixture.MustUpsert(t, uow, fixture.NewUser(3))
	s.cid = fixture.MustUpsert(t, uow, fixture.NewUser(4))
	s.file = fixture.MustSave(t, uow, fixture.NewFile(s.owner.ID, "limited", domain.KindDocument))
	return s
}

// Run runs the contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	expires := fixture.T0.Add(24 * time.Hour)
	fixture.RunContracts(t, newUOW, seed, []fixture.Contract[seeded]{
		{Name: "a link keeps the limits it was made with", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
			l := domain.ShareLimits{ExpiresAt: &expires, MaxViewers: 5, Protect: true}
			sh := create(t, uow, s, "kept", l)
			assert.Equal(t, l, sh.Limits)
			assert.Zero(t, sh.Viewers)
			assert.Equal(t, l, get(t, uow, s.owner.ID, sh.ID).Limits)
		}},
		{Name: "limits changed are stored, and a link's owner alone may change them", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
			sh := create(t, uow, s, "changed", domain.ShareLimits{})
			l := domain.ShareLimits{ExpiresAt: &expires, MaxViewers: 1, Protect: true}
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				require.ErrorIs(t, r.Shares.SetLimits(ctx, s.ann.ID, sh.ID, l), domain.ErrNotFound)
				require.ErrorIs(t, r.Shares.SetLimits(ctx, s.owner.ID, sh.ID+100, l), domain.ErrNotFound)
				require.NoError(t, r.Shares.SetLimits(ctx, s.owner.ID, sh.ID, l))
			})
			assert.Equal(t, l, get(t, uow, s.owner.ID, sh.ID).Limits)
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				return r.Shares.SetLimits(ctx, s.owner.ID, sh.ID, domain.ShareLimits{})
			})
			assert.Equal(t, domain.ShareLimits{}, get(t, uow, s.owner.ID, sh.ID).Limits, "no expiry again")
		}},
		{Name: "the live links are those neither revoked nor expired, a full one among them", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
			create(t, uow, s, "forever", domain.ShareLimits{})
			create(t, uow, s, "aday", domain.ShareLimits{ExpiresAt: &expires})
			full := create(t, uow, s, "full", domain.ShareLimits{MaxViewers: 1})
			require.True(t, admit(t, uow, full.ID, s.ann.ID))
			revoked := create(t, uow, s, "revoked", domain.ShareLimits{})
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				return r.Shares.Revoke(ctx, s.owner.ID, revoked.ID, fixture.T0)
			})
			live := func(at time.Time) int {
				var n int
				fixture.Must(t, uow, func(ctx context.Context, r app.Repos) (err error) {
					n, err = r.Shares.CountLive(ctx, s.owner.ID, at)
					return err
				})
				return n
			}
			assert.Equal(t, 3, live(fixture.T0), "before the day ends")
			assert.Equal(t, 3, live(expires.Add(-time.Microsecond)))
			assert.Equal(t, 2, live(expires), "the day's link expired as its day ended")
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) (err error) {
				n, err := r.Shares.CountLive(ctx, s.ann.ID, fixture.T0)
				assert.Zero(t, n, "another's links are not theirs")
				return err
			})
		}},
		{Name: "people are admitted up to the limit, each once, and the one past it gets nothing", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
			sh := create(t, uow, s, "two", domain.ShareLimits{MaxViewers: 2})
			assert.True(t, admit(t, uow, sh.ID, s.ann.ID))
			assert.True(t, admit(t, uow, sh.ID, s.ann.ID), "admitted again: no new place taken")
			assert.True(t, admit(t, uow, sh.ID, s.bob.ID))
			assert.False(t, admit(t, uow, sh.ID, s.cid.ID), "no place left")
			assert.Equal(t, 2, get(t, uow, s.owner.ID, sh.ID).Viewers)
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Shares.Granted(ctx, sh.ID, s.cid.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "the one refused holds no grant")
				_, err = r.Shares.Granted(ctx, sh.ID, s.bob.ID)
				assert.NoError(t, err)
			})
			assert.True(t, admit(t, uow, sh.ID, s.ann.ID), "those admitted still are")
		}},
		{Name: "a link without a limit admits everyone and counts them", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
			sh := create(t, uow, s, "open", domain.ShareLimits{})
			for _, u := range []domain.User{s.ann, s.bob, s.cid} {
				assert.True(t, admit(t, uow, sh.ID, u.ID))
			}
			assert.Equal(t, 3, get(t, uow, s.owner.ID, sh.ID).Viewers)
		}},
		{Name: "a raised limit admits more people", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
			sh := create(t, uow, s, "raised", domain.ShareLimits{MaxViewers: 1})
			assert.True(t, admit(t, uow, sh.ID, s.ann.ID))
			assert.False(t, admit(t, uow, sh.ID, s.bob.ID))
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				return r.Shares.SetLimits(ctx, s.owner.ID, sh.ID, domain.ShareLimits{MaxViewers: 2})
			})
			assert.True(t, admit(t, uow, sh.ID, s.bob.ID))
		}},
		{Name: "people racing for the last place never both get it", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
			sh := create(t, uow, s, "race", domain.ShareLimits{MaxViewers: 1})
			var wg sync.WaitGroup
			got, errs := make([]bool, 3), make([]error, 3)
			for i, u := range []domain.User{s.ann, s.bob, s.cid} {
				wg.Go(func() {
					errs[i] = uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
						var err error
						got[i], err = r.Shares.Admit(ctx, sh.ID, u.ID, fixture.T0)
						return err
					})
				})
			}
			wg.Wait()
			require.Equal(t, []error{nil, nil, nil}, errs)
			admitted := 0
			for _, ok := range got {
				if ok {
					admitted++
				}
			}
			assert.Equal(t, 1, admitted)
			assert.Equal(t, 1, get(t, uow, s.owner.ID, sh.ID).Viewers)
		}},
	})
}

func create(t *testing.T, uow app.UnitOfWork, s seeded, token string, l domain.ShareLimits) domain.Share {
	t.Helper()
	sh := domain.Share{Token: "limits-token-" + token + "-0123456789", OwnerID: s.owner.ID, FileID: s.file.ID, CreatedAt: fixture.T0, Limits: l}
	var stored domain.Share
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		stored, err = r.Shares.Create(ctx, sh)
		require.NoError(t, err)
	})
	return utc(stored)
}

func get(t *testing.T, uow app.UnitOfWork, owner, id int64) domain.Share {
	t.Helper()
	var sh domain.Share
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		sh, err = r.Shares.Get(ctx, owner, id)
		require.NoError(t, err)
	})
	return utc(sh)
}

func admit(t *testing.T, uow app.UnitOfWork, shareID, viewer int64) bool {
	t.Helper()
	var ok bool
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		var err error
		ok, err = r.Shares.Admit(ctx, shareID, viewer, fixture.T0)
		return err
	})
	return ok
}

// utc puts the share's times in UTC so stores that return another location compare equal.
func utc(s domain.Share) domain.Share {
	s.CreatedAt = s.CreatedAt.UTC()
	if at := s.Limits.ExpiresAt; at != nil {
		u := at.UTC()
		s.Limits.ExpiresAt = &u
	}
	return s
}
