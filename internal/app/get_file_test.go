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
		assert.Equal(t, annsFile, got)
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
