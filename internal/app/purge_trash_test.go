package app_test

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

const retention = 30 * 24 * time.Hour

func TestPurgeTrashRetention(t *testing.T) {
	// The cutoff is now minus the retention, and a file is purged when it was trashed before the
	// cutoff: one trashed exactly the retention ago stays. Storage keeps times to the microsecond
	// (as Postgres does), so less than a microsecond past the retention does not count yet.
	tests := []struct {
		name       string
		after      time.Duration // time since the file was trashed
		wantPurged bool
	}{
		{"a file trashed just now is kept", 0, false},
		{"a file trashed an hour short of the retention is kept", retention - time.Hour, false},
		{"a file trashed exactly the retention ago is kept", retention, false},
		{"a file trashed a nanosecond past the retention is kept, storage counting microseconds", retention + time.Nanosecond, false},
		{"a file trashed a microsecond past the retention is purged", retention + time.Microsecond, true},
		{"a file trashed long ago is purged", 3 * retention, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(app.Limits{TrashRetention: retention})
			ann := f.register(t, 42)
			trashed := f.trash(t, ann.ID, f.save(t, ann.ID, document("old")).ID)
			live := f.save(t, ann.ID, document("live"))
			f.clock.Advance(tt.after)

			n, err := f.app.Commands.PurgeTrash.Handle(ctx)
			require.NoError(t, err)

			_, getErr := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: trashed.ID, Trashed: true})
			if tt.wantPurged {
				assert.Equal(t, 1, n)
				assert.ErrorIs(t, getErr, domain.ErrNotFound)
			} else {
				assert.Zero(t, n)
				assert.NoError(t, getErr)
			}
			assert.Equal(t, live, f.file(t, ann.ID, live.ID), "a live file is never purged")
		})
	}
}

func TestPurgeTrashInBatches(t *testing.T) {
	const batch = 3
	tests := []struct {
		name    string
		old     int // files trashed longer than the retention ago
		recent  int // files trashed since
		wantAll int
	}{
		{"nothing due purges nothing", 0, 2, 0},
		{"fewer files than a batch are purged at once", 2, 1, 2},
		{"a batch's worth of files is purged", batch, 1, batch},
		{"more files than a batch are all purged, batch after batch", 2*batch + 1, 2, 2*batch + 1},
		{"an exact multiple of the batch is all purged", 3 * batch, 0, 3 * batch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(app.Limits{TrashRetention: retention})
			ann, bob := f.register(t, 42), f.register(t, 43)
			owners := []domain.User{ann, bob}
			for i := range tt.old {
				owner := owners[i%2].ID // every owner's trash is purged
				f.trash(t, owner, f.save(t, owner, document(fmt.Sprintf("old-%d", i))).ID)
			}
			f.clock.Advance(retention / 2)
			for i := range tt.recent {
				f.trash(t, ann.ID, f.save(t, ann.ID, document(fmt.Sprintf("recent-%d", i))).ID)
			}
			f.save(t, ann.ID, document("live"))
			f.clock.Advance(retention/2 + time.Second)
			purge := app.NewPurgeTrash(f.store.UnitOfWork(), f.clock, app.Limits{TrashRetention: retention}, batch)

			n, err := purge.Handle(ctx)
			require.NoError(t, err)

			assert.Equal(t, tt.wantAll, n)
			assert.Equal(t, tt.recent, f.counts(t, ann.ID).Trashed+f.counts(t, bob.ID).Trashed, "the recent files stay")
			assert.Equal(t, 1, f.counts(t, ann.ID).Total, "the live file stays")
			again, err := purge.Handle(ctx)
			require.NoError(t, err)
			assert.Zero(t, again, "nothing is left to purge")
		})
	}
}

func TestPurgeTrashBatchOfAtLeastOne(t *testing.T) {
	f := newFixture(app.Limits{TrashRetention: time.Hour})
	ann := f.register(t, 42)
	for i := range 3 {
		f.trash(t, ann.ID, f.save(t, ann.ID, document(fmt.Sprintf("old-%d", i))).ID)
	}
	f.clock.Advance(2 * time.Hour)

	n, err := app.NewPurgeTrash(f.store.UnitOfWork(), f.clock, app.Limits{TrashRetention: time.Hour}, 0).Handle(context.Background())

	require.NoError(t, err)
	assert.Equal(t, 3, n, "a batch of zero purges one file at a time")
	assert.Zero(t, f.counts(t, ann.ID).Trashed)
}

func TestPurgeTrashStopsWhenCancelled(t *testing.T) {
	f := newFixture(app.Limits{TrashRetention: time.Hour})
	ann := f.register(t, 42)
	for i := range 5 {
		f.trash(t, ann.ID, f.save(t, ann.ID, document(fmt.Sprintf("old-%d", i))).ID)
	}
	f.clock.Advance(2 * time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	n, err := app.NewPurgeTrash(f.store.UnitOfWork(), f.clock, app.Limits{TrashRetention: time.Hour}, 2).Handle(ctx)

	require.NoError(t, err)
	assert.Equal(t, 2, n, "the batch under way is finished, no other begins")
	assert.Equal(t, 3, f.counts(t, ann.ID).Trashed)
}
