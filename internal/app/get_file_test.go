package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestGetFile(t *testing.T) {
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	annsFile := f.save(t, ann.ID, document("report"))
	bobsFile := f.save(t, bob.ID, document("secret"))
	annsDeleted := f.saveDeleted(t, ann.ID, "old")

	t.Run("a user gets their own file", func(t *testing.T) {
		got, err := f.app.Queries.GetFile.Handle(context.Background(), app.GetFileInput{OwnerID: ann.ID, FileID: annsFile.ID})
		require.NoError(t, err)
		assert.Equal(t, app.FileDetails{File: annsFile}, got)
	})

	tests := []struct {
		name    string
		in      app.GetFileInput
		wantErr error
	}{
		{"another user's file is forbidden", app.GetFileInput{OwnerID: ann.ID, FileID: bobsFile.ID}, domain.ErrForbidden},
		{"an unknown file is not found", app.GetFileInput{OwnerID: ann.ID, FileID: 12345}, domain.ErrNotFound},
		{"a deleted file is not found", app.GetFileInput{OwnerID: ann.ID, FileID: annsDeleted.ID}, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.app.Queries.GetFile.Handle(context.Background(), tt.in)
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Zero(t, got)
		})
	}
}

func TestGetFileDetails(t *testing.T) {
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	receipts := f.category(t, ann.ID, "Receipts")
	inReceipts := f.move(t, ann.ID, f.save(t, ann.ID, document("in-receipts")).ID, receipts.ID)
	uncategorised := f.save(t, ann.ID, document("uncategorised"))
	trashed := f.trash(t, ann.ID, f.move(t, ann.ID, f.save(t, ann.ID, document("trashed")).ID, receipts.ID).ID)
	bobsTrashed := f.trash(t, bob.ID, f.save(t, bob.ID, document("bob's")).ID)

	tests := []struct {
		name    string
		in      app.GetFileInput
		want    app.FileDetails
		wantErr error
	}{
		{"a file in a category comes with its category", app.GetFileInput{OwnerID: ann.ID, FileID: inReceipts.ID},
			app.FileDetails{File: inReceipts, Category: &receipts}, nil},
		{"an uncategorised file comes without a category", app.GetFileInput{OwnerID: ann.ID, FileID: uncategorised.ID},
			app.FileDetails{File: uncategorised}, nil},
		{"a trashed file is found when asked for from the trash", app.GetFileInput{OwnerID: ann.ID, FileID: trashed.ID, Trashed: true},
			app.FileDetails{File: trashed, Category: &receipts}, nil},
		{"a live file is found when asked for from the trash too", app.GetFileInput{OwnerID: ann.ID, FileID: inReceipts.ID, Trashed: true},
			app.FileDetails{File: inReceipts, Category: &receipts}, nil},
		{"a trashed file is not found otherwise", app.GetFileInput{OwnerID: ann.ID, FileID: trashed.ID},
			app.FileDetails{}, domain.ErrNotFound},
		{"another user's trashed file is forbidden", app.GetFileInput{OwnerID: ann.ID, FileID: bobsTrashed.ID, Trashed: true},
			app.FileDetails{}, domain.ErrForbidden},
		{"an unknown file is not found in the trash either", app.GetFileInput{OwnerID: ann.ID, FileID: 999, Trashed: true},
			app.FileDetails{}, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.app.Queries.GetFile.Handle(context.Background(), tt.in)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
