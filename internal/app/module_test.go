package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/fx/fxtest"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestModulePurgeJob(t *testing.T) {
	// The job purges once as soon as it starts, and stopping waits for it, so after a start and a
	// stop the trash was purged if (and only if) the job runs.
	tests := []struct {
		name       string
		interval   time.Duration
		wantPurged bool
	}{
		{"the job purges the trash when the application starts", time.Hour, true},
		{"a zero interval turns the job off", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			store := memory.NewStore()
			repos := store.Repos()
			owner, err := repos.Users.Upsert(ctx, domain.User{TelegramID: 42, JoinedAt: start, LastSeenAt: start})
			require.NoError(t, err)
			// Trashed long before the system clock's now, whenever the test runs.
			longAgo := time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)
			_, _, err = repos.Files.Save(ctx, domain.File{
				OwnerID: owner.ID, TelegramFileID: "tg-old", UniqueID: "old", Name: "old.pdf",
				Kind: domain.KindDocument, Carrier: domain.KindDocument, CreatedAt: longAgo, DeletedAt: &longAgo,
			})
			require.NoError(t, err)

			fxApp := fxtest.New(t,
				app.Module,
				fx.Provide(func() app.UnitOfWork { return store.UnitOfWork() }),
				fx.Supply(app.Limits{TrashRetention: 24 * time.Hour}, app.JobConfig{PurgeInterval: tt.interval}, zap.NewNop()),
			)
			fxApp.RequireStart()
			fxApp.RequireStop()

			trashed, err := repos.Files.CountTrashed(ctx, owner.ID)
			require.NoError(t, err)
			if tt.wantPurged {
				assert.Zero(t, trashed)
			} else {
				assert.Equal(t, 1, trashed)
			}
		})
	}
}

func TestModulePrunesTheClaimsOfOldUpdates(t *testing.T) {
	// Claims made before the start are older than a nanosecond's retention when the job runs.
	tests := []struct {
		name       string
		interval   time.Duration
		wantPruned bool
	}{
		{"the job prunes old claims when the application starts", time.Hour, true},
		{"a zero interval turns the job off", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			store := memory.NewStore()
			first, err := store.Repos().Updates.ClaimFor(ctx, 5, 100)
			require.NoError(t, err)
			require.True(t, first)

			fxApp := fxtest.New(t,
				app.Module,
				fx.Provide(func() app.UnitOfWork { return store.UnitOfWork() }),
				fx.Supply(app.Limits{TrashRetention: 24 * time.Hour, UpdatesRetention: time.Nanosecond}, app.JobConfig{PurgeInterval: tt.interval}, zap.NewNop()),
			)
			fxApp.RequireStart()
			fxApp.RequireStop()

			again, err := store.Repos().Updates.ClaimFor(ctx, 5, 100)
			require.NoError(t, err)
			assert.Equal(t, tt.wantPruned, again, "a pruned claim is forgotten")
		})
	}
}
