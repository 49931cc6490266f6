package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/fx/fxtest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/jobs"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestModuleRunsTheHousekeepingAsItStarts(t *testing.T) {
	tests := []struct {
		name     string
		interval time.Duration
		wantDone bool
	}{
		{"the trash is purged and old claims pruned as the application starts", time.Hour, true},
		{"a zero interval turns the housekeeping off", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := pgtest.NewDatabase(t)
			var uow app.UnitOfWork
			fxApp := fxtest.New(t,
				fx.Supply(postgres.Config{URL: url},
					jobs.Config{Workers: 2, PurgeInterval: tt.interval},
					app.Limits{TrashRetention: 24 * time.Hour, UpdatesRetention: time.Nanosecond}),
				fx.Provide(func() *zap.Logger { return zaptest.NewLogger(t) }),
				postgres.Module, app.Module, jobs.Module,
				fx.Provide(
					func(d *postgres.Database) jobs.PoolSource { return d },
					func(i *jobs.Inserter) postgres.JobInserter { return i },
				),
				fx.Populate(&uow),
			)
			// Seeded before the engine starts: the database starts first, and seeding through a
			// unit of work of our own needs the pool.
			p := newPool(t, url)
			seeded := postgres.NewUnitOfWork(p.pgx, zaptest.NewLogger(t))
			owner := seedHousekeeping(t, seeded)

			fxApp.RequireStart()
			done := func() bool {
				trashed, claimed := housekeepingLeft(t, seeded, owner)
				return trashed == 0 && !claimed
			}
			if tt.wantDone {
				assert.Eventually(t, done, 20*time.Second, 50*time.Millisecond)
			} else {
				assert.Never(t, done, 2*time.Second, 50*time.Millisecond)
			}
			fxApp.RequireStop()
		})
	}
}

// seedHousekeeping keeps a file trashed long ago and claims update 100 of bot 5.
func seedHousekeeping(t *testing.T, uow app.UnitOfWork) (ownerID int64) {
	t.Helper()
	longAgo := time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		owner, err := r.Users.Upsert(ctx, domain.User{TelegramID: 42, JoinedAt: longAgo, LastSeenAt: longAgo})
		if err != nil {
			return err
		}
		ownerID = owner.ID
		_, _, err = r.Files.Save(ctx, domain.File{
			OwnerID: owner.ID, TelegramFileID: "tg-old", UniqueID: "old", Name: "old.pdf",
			Kind: domain.KindDocument, Carrier: domain.KindDocument, CreatedAt: longAgo, DeletedAt: &longAgo,
		})
		if err != nil {
			return err
		}
		_, err = r.Updates.ClaimFor(ctx, 5, 100)
		return err
	}))
	return ownerID
}

// housekeepingLeft tells how many files the owner has in the trash, and whether update 100 of bot
// 5 is still claimed (claiming it again, in a unit of work rolled back, so nothing changes).
func housekeepingLeft(t *testing.T, uow app.UnitOfWork, ownerID int64) (trashed int, claimed bool) {
	t.Helper()
	errLook := context.Canceled
	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		var err error
		if trashed, err = r.Files.CountTrashed(ctx, ownerID); err != nil {
			return err
		}
		first, err := r.Updates.ClaimFor(ctx, 5, 100)
		if err != nil {
			return err
		}
		claimed = !first
		return errLook
	})
	require.ErrorIs(t, err, errLook)
	return trashed, claimed
}
