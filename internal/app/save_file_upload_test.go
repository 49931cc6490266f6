package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// beginUpload starts an upload of the user's files into the category (none when 0).
func (f flows) beginUpload(t *testing.T, userID, categoryID int64) domain.Conversation {
	t.Helper()
	c, err := f.app.Commands.Conversations.Begin(context.Background(), domain.Conversation{
		UserID: userID, Step: domain.StepUpload, CategoryID: categoryID,
	})
	require.NoError(t, err)
	return c
}

// send saves in for the user and returns the result.
func (f flows) send(t *testing.T, userID int64, in domain.IncomingFile) app.SaveFileResult {
	t.Helper()
	res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: userID, File: in})
	require.NoError(t, err)
	return res
}

func TestSaveFileDuringAnUpload(t *testing.T) {
	quiet := flowLimits.UploadQuietPeriod

	t.Run("a new file goes into the upload's category", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		f.beginUpload(t, f.ann.ID, f.annsCategory.ID)

		res := f.send(t, f.ann.ID, document("new"))

		assert.False(t, res.AlreadySaved)
		assert.Equal(t, &f.annsCategory, res.Category)
		assert.Equal(t, &f.annsCategory.ID, res.File.CategoryID)
		assert.Equal(t, []int64{res.File.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{CategoryID: f.annsCategory.ID}))
	})

	t.Run("each file keeps the upload going for another quiet period", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		f.beginUpload(t, f.ann.ID, f.annsCategory.ID)
		var sent []int64
		for _, id := range []string{"one", "two", "three"} {
			now := f.clock.Advance(quiet - time.Second)
			res := f.send(t, f.ann.ID, document(id))
			sent = append(sent, res.File.ID)
			assert.Equal(t, &f.annsCategory.ID, res.File.CategoryID, "file %s", id)
			c, ok := f.current(t, f.ann.ID)
			require.True(t, ok, "the upload goes on after file %s", id)
			assert.Equal(t, now.Add(quiet), c.ExpiresAt)
		}
		assert.ElementsMatch(t, sent, f.listAll(t, f.ann.ID, domain.FileFilter{CategoryID: f.annsCategory.ID}))
	})

	t.Run("a file sent after the quiet period is uncategorised", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		f.beginUpload(t, f.ann.ID, f.annsCategory.ID)
		f.clock.Advance(quiet)

		res := f.send(t, f.ann.ID, document("late"))

		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
		_, ok := f.current(t, f.ann.ID)
		assert.False(t, ok, "the upload is not revived")
	})

	t.Run("an upload into no category keeps files uncategorised and goes on", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		f.beginUpload(t, f.ann.ID, 0)
		now := f.clock.Advance(time.Minute)

		res := f.send(t, f.ann.ID, document("new"))

		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
		c, ok := f.current(t, f.ann.ID)
		require.True(t, ok)
		assert.Equal(t, now.Add(quiet), c.ExpiresAt)
	})

	t.Run("a file already kept stays where it was", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		taxes := f.category(t, f.ann.ID, "Taxes")
		inTaxes := f.move(t, f.ann.ID, f.save(t, f.ann.ID, document("in-taxes")).ID, taxes.ID)
		f.beginUpload(t, f.ann.ID, f.annsCategory.ID)

		tests := []struct {
			name string
			in   domain.IncomingFile
			want domain.File
		}{
			{"an uncategorised file stays uncategorised", document("report"), f.annsFile},
			{"a file in another category stays there", document("in-taxes"), inTaxes},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := f.send(t, f.ann.ID, tt.in)
				assert.True(t, res.AlreadySaved)
				assert.False(t, res.Restored)
				assert.Nil(t, res.Category, "no category is reported for a file already kept")
				assert.Equal(t, tt.want, res.File)
				assert.Equal(t, tt.want, f.file(t, f.ann.ID, tt.want.ID))
			})
		}
	})

	t.Run("an upload whose category was deleted ends and the file is uncategorised", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		f.beginUpload(t, f.ann.ID, f.annsCategory.ID)
		_, _, err := f.app.Commands.Categories.Delete(context.Background(), f.ann.ID, f.annsCategory.ID)
		require.NoError(t, err)

		res := f.send(t, f.ann.ID, document("new"))

		assert.False(t, res.AlreadySaved)
		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
		_, ok := f.current(t, f.ann.ID)
		assert.False(t, ok, "the upload ended")
	})

	t.Run("another flow under way does not take files and is left as it was", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		rename, err := f.app.Commands.Conversations.Begin(context.Background(), domain.Conversation{
			UserID: f.ann.ID, Step: domain.StepRenameCategory, CategoryID: f.annsCategory.ID,
		})
		require.NoError(t, err)
		f.clock.Advance(time.Minute)

		res := f.send(t, f.ann.ID, document("new"))

		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
		c, ok := f.current(t, f.ann.ID)
		require.True(t, ok)
		assert.Equal(t, rename, c, "its expiry is not refreshed")
	})

	t.Run("another user's upload does not take the file", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		f.beginUpload(t, f.bob.ID, f.bobsCategory.ID)

		res := f.send(t, f.ann.ID, document("new"))

		assert.Nil(t, res.File.CategoryID)
		assert.Empty(t, f.listAll(t, f.bob.ID, domain.FileFilter{CategoryID: f.bobsCategory.ID}))
	})

	t.Run("a refused file does not keep the upload going", func(t *testing.T) {
		f := newFlows(t, app.Limits{ConversationTTL: 10 * time.Minute, UploadQuietPeriod: quiet, MaxFileSize: 1000})
		begun := f.beginUpload(t, f.ann.ID, f.annsCategory.ID)
		f.clock.Advance(time.Minute)
		big := document("big")
		big.Size = 1001

		_, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: f.ann.ID, File: big})

		require.ErrorIs(t, err, domain.ErrTooLarge)
		c, ok := f.current(t, f.ann.ID)
		require.True(t, ok)
		assert.Equal(t, begun, c)
	})
}

func TestSaveFileRestoresATrashedFile(t *testing.T) {
	ctx := context.Background()

	t.Run("a trashed file sent again is restored, in its category", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		kept := f.move(t, f.ann.ID, f.save(t, f.ann.ID, document("receipt")).ID, f.annsCategory.ID)
		f.trash(t, f.ann.ID, kept.ID)
		f.clock.Advance(time.Hour)
		again := document("receipt")
		again.TelegramFileID = "tg-receipt-refreshed"

		res := f.send(t, f.ann.ID, again)

		assert.True(t, res.Restored)
		assert.True(t, res.AlreadySaved)
		want := kept
		want.TelegramFileID = "tg-receipt-refreshed"
		assert.Equal(t, want, res.File)
		assert.Equal(t, want, f.file(t, f.ann.ID, kept.ID))
		assert.Equal(t, []int64{kept.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{CategoryID: f.annsCategory.ID}))
		assert.Equal(t, []int64{f.annsTrashed.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{Trashed: true}))
		details, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: f.ann.ID, FileID: kept.ID})
		require.NoError(t, err)
		assert.Equal(t, &f.annsCategory, details.Category)
	})

	t.Run("a trashed file sent again during an upload is restored where it was", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		taxes := f.category(t, f.ann.ID, "Taxes")
		f.beginUpload(t, f.ann.ID, taxes.ID)

		res := f.send(t, f.ann.ID, document("old"))

		assert.True(t, res.Restored)
		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
		assert.Nil(t, res.File.DeletedAt)
		assert.Equal(t, 2, f.counts(t, f.ann.ID).Total)
		assert.Zero(t, f.counts(t, f.ann.ID).Trashed)
	})

	t.Run("a live file sent again is not restored", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		res := f.send(t, f.ann.ID, document("report"))
		assert.True(t, res.AlreadySaved)
		assert.False(t, res.Restored)
	})

	t.Run("another user's trashed file is not restored by the same bytes", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		res := f.send(t, f.bob.ID, document("old"))
		assert.False(t, res.AlreadySaved)
		assert.False(t, res.Restored)
		assert.NotEqual(t, f.annsTrashed.ID, res.File.ID)
		assert.Equal(t, f.annsTrashed, f.file(t, f.ann.ID, f.annsTrashed.ID))
	})
}
