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

// sized is an incoming document with that unique id and size.
func sized(uniqueID string, size int64) domain.IncomingFile {
	in := document(uniqueID)
	in.Size = size
	return in
}

func TestSaveFileWithinTheQuotas(t *testing.T) {
	tests := []struct {
		name   string
		limits app.Limits
		kept   []int64 // the sizes of the files kept before, all accepted
		trash  int     // how many of them are then trashed
		size   int64   // the size of the new file
		want   *domain.QuotaError
	}{
		{"the last file the files quota allows is kept", app.Limits{QuotaFiles: 3}, []int64{100, 100}, 0, 100, nil},
		{"one file past the files quota is refused", app.Limits{QuotaFiles: 3}, []int64{100, 100, 100}, 0, 100,
			&domain.QuotaError{Quota: domain.QuotaFiles, Limit: 3, Used: 3}},
		{"files in the trash count toward the files quota", app.Limits{QuotaFiles: 3}, []int64{100, 100, 100}, 2, 100,
			&domain.QuotaError{Quota: domain.QuotaFiles, Limit: 3, Used: 3}},
		{"a file taking the bytes exactly to the quota is kept", app.Limits{QuotaBytes: 300}, []int64{100, 150}, 0, 50, nil},
		{"a file one byte past the bytes quota is refused", app.Limits{QuotaBytes: 300}, []int64{100, 150}, 0, 51,
			&domain.QuotaError{Quota: domain.QuotaBytes, Limit: 300, Used: 250}},
		{"a file of one byte is refused when the bytes quota is used up", app.Limits{QuotaBytes: 300}, []int64{300}, 0, 1,
			&domain.QuotaError{Quota: domain.QuotaBytes, Limit: 300, Used: 300}},
		{"an empty file is kept when the bytes quota is used up", app.Limits{QuotaBytes: 300}, []int64{300}, 0, 0, nil},
		{"files in the trash count toward the bytes quota", app.Limits{QuotaBytes: 300}, []int64{100, 150}, 2, 51,
			&domain.QuotaError{Quota: domain.QuotaBytes, Limit: 300, Used: 250}},
		{"a file larger than the whole bytes quota is refused", app.Limits{QuotaBytes: 300}, nil, 0, 301,
			&domain.QuotaError{Quota: domain.QuotaBytes, Limit: 300, Used: 0}},
		{"the files quota is told first when both are used up", app.Limits{QuotaFiles: 2, QuotaBytes: 200}, []int64{100, 100}, 0, 100,
			&domain.QuotaError{Quota: domain.QuotaFiles, Limit: 2, Used: 2}},
		{"the bytes quota refuses even with files to spare", app.Limits{QuotaFiles: 10, QuotaBytes: 200}, []int64{100, 100}, 0, 1,
			&domain.QuotaError{Quota: domain.QuotaBytes, Limit: 200, Used: 200}},
		{"no quota means no limit on files or bytes", app.Limits{}, []int64{1 << 40, 1 << 40, 1 << 40, 1 << 40, 1 << 40}, 0, 1 << 40, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(tt.limits)
			ann := f.register(t, 42)
			for i, size := range tt.kept {
				file := f.save(t, ann.ID, sized(fmt.Sprint("kept", i), size))
				if i < tt.trash {
					f.trash(t, ann.ID, file.ID)
				}
			}

			res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: ann.ID, File: sized("new", tt.size)})
			if tt.want == nil {
				require.NoError(t, err)
				assert.False(t, res.AlreadySaved)
				assert.Equal(t, len(tt.kept)-tt.trash+1, f.counts(t, ann.ID).Total)
				return
			}
			assert.ErrorIs(t, err, domain.ErrQuotaExceeded)
			var quotaErr *domain.QuotaError
			require.ErrorAs(t, err, &quotaErr)
			assert.Equal(t, tt.want, quotaErr)
			assert.Zero(t, res)
			assert.Equal(t, len(tt.kept)-tt.trash, f.counts(t, ann.ID).Total, "nothing is kept")
		})
	}
}

func TestSaveFileAtTheQuotaRecognisesAFileAlreadyKept(t *testing.T) {
	tests := []struct {
		name   string
		limits app.Limits
	}{
		{"at the files quota", app.Limits{QuotaFiles: 2}},
		{"at the bytes quota", app.Limits{QuotaBytes: 200}},
	}
	for _, tt := range tests {
		t.Run("a live file sent again is recognised "+tt.name, func(t *testing.T) {
			f := newFixture(tt.limits)
			ann := f.register(t, 42)
			first := f.save(t, ann.ID, sized("one", 100))
			f.save(t, ann.ID, sized("two", 100))

			res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: ann.ID, File: sized("one", 100)})
			require.NoError(t, err)
			assert.True(t, res.AlreadySaved)
			assert.Equal(t, first.ID, res.File.ID)
		})
		t.Run("a trashed file sent again is brought back "+tt.name, func(t *testing.T) {
			f := newFixture(tt.limits)
			ann := f.register(t, 42)
			first := f.trash(t, ann.ID, f.save(t, ann.ID, sized("one", 100)).ID)
			f.save(t, ann.ID, sized("two", 100))

			res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: ann.ID, File: sized("one", 100)})
			require.NoError(t, err)
			assert.True(t, res.Restored)
			assert.Equal(t, first.ID, res.File.ID)
			assert.Equal(t, 2, f.counts(t, ann.ID).Total)
		})
	}
}

func TestQuotasAreFreedWhenTheTrashIsEmptied(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		empty func(t *testing.T, f fixture, owner, fileID int64)
	}{
		{"a file purged from the trash frees its place", func(t *testing.T, f fixture, _, _ int64) {
			f.clock.Advance(retention + time.Second)
			n, err := f.app.Commands.PurgeTrash.Handle(ctx)
			require.NoError(t, err)
			require.Equal(t, 1, n)
		}},
		{"a file deleted for good frees its place", func(t *testing.T, f fixture, owner, fileID int64) {
			_, err := f.app.Commands.ManageFiles.DeleteForever(ctx, owner, fileID)
			require.NoError(t, err)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(app.Limits{QuotaFiles: 2, QuotaBytes: 200, TrashRetention: retention})
			ann := f.register(t, 42)
			trashed := f.trash(t, ann.ID, f.save(t, ann.ID, sized("one", 100)).ID)
			f.save(t, ann.ID, sized("two", 100))
			_, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: sized("three", 100)})
			require.ErrorIs(t, err, domain.ErrQuotaExceeded, "the trashed file still counts")

			tt.empty(t, f, ann.ID, trashed.ID)

			res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: sized("three", 100)})
			require.NoError(t, err)
			assert.False(t, res.AlreadySaved)
		})
	}
}

func TestQuotasArePerUser(t *testing.T) {
	f := newFixture(app.Limits{QuotaFiles: 1})
	ann, bob := f.register(t, 42), f.register(t, 43)
	f.save(t, ann.ID, document("one"))

	t.Run("another user's files do not count", func(t *testing.T) {
		res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: bob.ID, File: document("two")})
		require.NoError(t, err)
		assert.Equal(t, bob.ID, res.File.OwnerID)
	})
	t.Run("a file another user keeps is new to this one", func(t *testing.T) {
		_, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: ann.ID, File: document("two")})
		var quotaErr *domain.QuotaError
		require.ErrorAs(t, err, &quotaErr)
		assert.Equal(t, domain.QuotaError{Quota: domain.QuotaFiles, Limit: 1, Used: 1}, *quotaErr)
	})
}
