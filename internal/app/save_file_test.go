package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestSaveFile(t *testing.T) {
	ctx := context.Background()

	t.Run("a new file is kept with its kind and name", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann := f.register(t, 42)
		res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: domain.IncomingFile{
			TelegramFileID: "tg-cat", UniqueID: "cat", Name: "cat.png", MIMEType: "image/png", Size: 2048,
			Carrier: domain.KindDocument, Caption: " my cat ",
		}})
		require.NoError(t, err)
		assert.False(t, res.AlreadySaved)
		assert.NotZero(t, res.File.ID)
		assert.Equal(t, ann.ID, res.File.OwnerID)
		assert.Equal(t, domain.KindPhoto, res.File.Kind)
		assert.Equal(t, "cat.png", res.File.Name)
		assert.Equal(t, "my cat", res.File.Caption)
		assert.Equal(t, start, res.File.CreatedAt)

		got, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: res.File.ID})
		require.NoError(t, err)
		assert.Equal(t, app.FileDetails{File: res.File}, got)
	})

	t.Run("a file without a name is kept under a generated one", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann := f.register(t, 42)
		file := f.save(t, ann.ID, photo("sunset"))
		assert.Equal(t, "photo_2026-11-23_14-05.jpg", file.Name)
	})

	t.Run("the same file again is recognised and its Telegram file id refreshed", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann := f.register(t, 42)
		first := f.save(t, ann.ID, document("report"))

		again := document("report")
		again.TelegramFileID = "tg-report-refreshed"
		res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: again})
		require.NoError(t, err)

		assert.True(t, res.AlreadySaved)
		assert.Equal(t, first.ID, res.File.ID)
		assert.Equal(t, "tg-report-refreshed", res.File.TelegramFileID)
		got, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: first.ID})
		require.NoError(t, err)
		assert.Equal(t, "tg-report-refreshed", got.File.TelegramFileID)
		counts, err := f.app.Queries.FileCounts.Handle(ctx, ann.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, counts.Total)
	})

	t.Run("the same file sent again with a new caption keeps the newest caption, searchable", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann := f.register(t, 42)
		first := document("report")
		first.Caption = "draft"
		saved := f.save(t, ann.ID, first)

		again := document("report")
		again.Caption = " final figures "
		res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: again})
		require.NoError(t, err)
		assert.True(t, res.AlreadySaved)
		assert.Equal(t, "final figures", res.File.Caption)
		got, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: saved.ID})
		require.NoError(t, err)
		assert.Equal(t, "final figures", got.File.Caption)
		_, page, err := f.app.Commands.Search.Start(ctx, ann.ID, "final figures", domain.MaxPageSize, "")
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
		assert.Equal(t, saved.ID, page.Items[0].ID)

		bare := document("report")
		bare.Caption = ""
		res, err = f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: bare})
		require.NoError(t, err)
		assert.Equal(t, "final figures", res.File.Caption, "sent again without a caption, the file keeps its own")
	})

	t.Run("the same file sent by another user is a separate file", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann, bob := f.register(t, 42), f.register(t, 43)
		annsFile := f.save(t, ann.ID, document("report"))

		res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: bob.ID, File: document("report")})
		require.NoError(t, err)
		assert.False(t, res.AlreadySaved)
		assert.NotEqual(t, annsFile.ID, res.File.ID)
		assert.Equal(t, bob.ID, res.File.OwnerID)
	})

	t.Run("a file of an unknown user is not kept", func(t *testing.T) {
		f := newFixture(app.Limits{})
		_, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: 999, File: document("report")})
		require.Error(t, err)
		counts, err := f.app.Queries.FileCounts.Handle(ctx, 999)
		require.NoError(t, err)
		assert.Zero(t, counts.Total)
	})
}

func TestSaveFileSizeLimit(t *testing.T) {
	const limit = 20 << 20
	tests := []struct {
		name      string
		limit     int64
		size      int64
		wantLarge bool
	}{
		{"a file of exactly the limit is kept", limit, limit, false},
		{"a file one byte over the limit is refused", limit, limit + 1, true},
		{"an empty file is kept", limit, 0, false},
		{"a zero limit keeps a file of any size", 0, 4 << 30, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(app.Limits{MaxFileSize: tt.limit})
			ann := f.register(t, 42)
			in := document("big")
			in.Size = tt.size
			res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: ann.ID, File: in})
			counts, countErr := f.app.Queries.FileCounts.Handle(context.Background(), ann.ID)
			require.NoError(t, countErr)

			if !tt.wantLarge {
				require.NoError(t, err)
				assert.Equal(t, tt.size, res.File.Size)
				assert.Equal(t, 1, counts.Total)
				return
			}
			assert.ErrorIs(t, err, domain.ErrTooLarge)
			var tooLarge *domain.TooLargeError
			require.ErrorAs(t, err, &tooLarge)
			assert.Equal(t, tt.size, tooLarge.Size)
			assert.Equal(t, tt.limit, tooLarge.Limit)
			assert.Zero(t, res)
			assert.Zero(t, counts.Total)
		})
	}
}

func TestSaveFileRefusesInvalidFiles(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *domain.IncomingFile)
	}{
		{"a file without a Telegram file id is refused", func(in *domain.IncomingFile) { in.TelegramFileID = "" }},
		{"a file without a unique id is refused", func(in *domain.IncomingFile) { in.UniqueID = " " }},
		{"a file with a negative size is refused", func(in *domain.IncomingFile) { in.Size = -1 }},
		{"a file of an unknown kind is refused", func(in *domain.IncomingFile) { in.Carrier = "sticker" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(app.Limits{MaxFileSize: 1000})
			ann := f.register(t, 42)
			in := document("report")
			tt.change(&in)
			res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: ann.ID, File: in})
			assert.ErrorIs(t, err, domain.ErrInvalidFile)
			assert.Zero(t, res)
			counts, err := f.app.Queries.FileCounts.Handle(context.Background(), ann.ID)
			require.NoError(t, err)
			assert.Zero(t, counts.Total)
		})
	}
}
