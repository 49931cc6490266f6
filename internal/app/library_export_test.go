package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
)

// /export enqueues one job per user however often it is asked for, and nothing for anyone else.
func TestRequestExportEnqueuesOneJobPerUser(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 1), f.register(t, 2)
	for range 3 {
		require.NoError(t, f.app.Commands.RequestExport.Handle(ctx, ann.ID))
	}
	require.NoError(t, f.app.Commands.RequestExport.Handle(ctx, bob.ID))
	var asked []int64
	for _, j := range f.store.Jobs() {
		if job, ok := j.Job.(app.ExportLibraryJob); ok {
			asked = append(asked, job.OwnerID)
		}
	}
	assert.Equal(t, []int64{ann.ID, bob.ID}, asked)
}

// The export holds every file of the user, the trash too, oldest first, with its category's
// name, and none of anyone else's; more files than one read takes are all there.
func TestLibraryExportHoldsEveryFileOfTheUserOldestFirst(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	owner, ids := library(t, f, 42, 1203)
	library(t, f, 43, 3)
	work := f.category(t, owner.ID, "Work")
	f.move(t, owner.ID, ids[0], work.ID)
	f.trash(t, owner.ID, ids[1])

	got, err := f.app.Queries.Library.Export(ctx, owner.ID)
	require.NoError(t, err)
	assert.Equal(t, owner.TelegramID, got.Owner.TelegramID)
	require.Len(t, got.Files, 1203)
	for i, e := range got.Files {
		assert.Equal(t, ids[len(ids)-1-i], e.File.ID, "oldest first")
		assert.Equal(t, owner.ID, e.File.OwnerID)
	}
	newest, second := got.Files[len(got.Files)-1], got.Files[len(got.Files)-2]
	assert.Equal(t, "Work", newest.Category)
	assert.NotNil(t, second.File.DeletedAt, "the trashed file is there, as trashed")
	assert.Empty(t, second.Category)
}
