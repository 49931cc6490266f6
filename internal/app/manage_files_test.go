package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// files is a library of two users to manage: Ann's live and trashed files and categories, and
// Bob's file and category.
type files struct {
	fixture
	ann, bob                 domain.User
	live, trashed, bobsFile  domain.File
	receipts, taxes, bobsCat domain.Category
}

// newFiles makes the library; Ann's live file is named name and lies in Receipts.
func newFiles(t *testing.T, name string) files {
	t.Helper()
	f := files{fixture: newFixture(app.Limits{})}
	f.ann, f.bob = f.register(t, 42), f.register(t, 43)
	f.receipts, f.taxes = f.category(t, f.ann.ID, "Receipts"), f.category(t, f.ann.ID, "Taxes")
	f.bobsCat = f.category(t, f.bob.ID, "Bob's")
	f.live = f.move(t, f.ann.ID, f.save(t, f.ann.ID, named("live", name)).ID, f.receipts.ID)
	f.trashed = f.trash(t, f.ann.ID, f.save(t, f.ann.ID, document("trashed")).ID)
	f.bobsFile = f.save(t, f.bob.ID, document("bob's"))
	return f
}

func TestManageFilesRename(t *testing.T) {
	tests := []struct {
		name    string
		from    string // Ann's live file's name
		to      string
		want    string
		rule    domain.NameRule // the rule broken, for a refused name
		wantErr error
	}{
		{"rename keeps the extension when the new name has none", "q3.pdf", "report", "report.pdf", "", nil},
		{"an explicit new extension wins", "q3.pdf", "report.docx", "report.docx", "", nil},
		{"the same extension given again is not doubled", "q3.pdf", "report.pdf", "report.pdf", "", nil},
		{"the new name is trimmed before the extension is added", "q3.pdf", "  report \t", "report.pdf", "", nil},
		{"a dotfile's name is not taken for an extension", ".bashrc", "profile", "profile", "", nil},
		{"a file without an extension takes the new name as it is", "README", "notes", "notes", "", nil},
		{"a dot between words of the old name is no extension to keep", "Invoice No. 5", "Invoice 6", "Invoice 6", "", nil},
		{"a new name with a dot between words still gets the extension", "q3.pdf", "Dr. Smith", "Dr. Smith.pdf", "", nil},
		{"a name that fits with the extension added is accepted", "q3.pdf", strings.Repeat("я", 251), strings.Repeat("я", 251) + ".pdf", "", nil},
		{"a name too long once the extension is added is refused", "q3.pdf", strings.Repeat("я", 252), "", domain.NameTooLong, domain.ErrInvalidName},
		{"a name of 255 runes with its own extension is accepted", "q3.pdf", strings.Repeat("a", 251) + ".txt", strings.Repeat("a", 251) + ".txt", "", nil},
		{"a name over 255 runes is refused", "q3.pdf", strings.Repeat("a", 256), "", domain.NameTooLong, domain.ErrInvalidName},
		{"an empty name is refused", "q3.pdf", "  ", "", domain.NameEmpty, domain.ErrInvalidName},
		{"a name with a control character is refused", "q3.pdf", "re\nport", "", domain.NameControlChar, domain.ErrInvalidName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFiles(t, tt.from)
			require.Equal(t, tt.from, f.live.Name)

			got, err := f.app.Commands.ManageFiles.Rename(context.Background(), f.ann.ID, f.live.ID, tt.to)

			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var nameErr *domain.NameError
				require.ErrorAs(t, err, &nameErr)
				assert.Equal(t, tt.rule, nameErr.Reason)
				assert.Equal(t, domain.MaxFileNameLen, nameErr.Max)
				assert.Zero(t, got)
				assert.Equal(t, f.live, f.file(t, f.ann.ID, f.live.ID), "the file is unchanged")
				return
			}
			require.NoError(t, err)
			want := f.live
			want.Name = tt.want
			want.RenamePending = true // a document: Telegram is to get the new name on the next send
			assert.Equal(t, want, got.File, "only the name changes")
			assert.Equal(t, &f.receipts, got.Category, "the renamed file's card shows its category")
			assert.Equal(t, want, f.file(t, f.ann.ID, f.live.ID))
		})
	}
}

func TestManageFilesMove(t *testing.T) {
	tests := []struct {
		name     string
		category func(f files) int64
		want     func(f files) *int64 // where the file is after the move
		wantErr  error
	}{
		{"a file moves into another of the user's categories",
			func(f files) int64 { return f.taxes.ID }, func(f files) *int64 { return &f.taxes.ID }, nil},
		{"a file moved to its own category stays there",
			func(f files) int64 { return f.receipts.ID }, func(f files) *int64 { return &f.receipts.ID }, nil},
		{"a file moved to no category is uncategorised",
			func(files) int64 { return 0 }, func(files) *int64 { return nil }, nil},
		{"another user's category is forbidden",
			func(f files) int64 { return f.bobsCat.ID }, func(f files) *int64 { return &f.receipts.ID }, domain.ErrForbidden},
		{"an unknown category is not found",
			func(files) int64 { return 999 }, func(f files) *int64 { return &f.receipts.ID }, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFiles(t, "q3.pdf")

			got, err := f.app.Commands.ManageFiles.Move(context.Background(), f.ann.ID, f.live.ID, tt.category(f))

			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, got)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tt.want(f), got.File.CategoryID)
				if tt.want(f) == nil {
					assert.Nil(t, got.Category, "the card of an uncategorised file names no category")
				} else {
					require.NotNil(t, got.Category, "the card of the moved file names its new category")
					assert.Equal(t, *tt.want(f), got.Category.ID)
				}
			}
			assert.Equal(t, tt.want(f), f.file(t, f.ann.ID, f.live.ID).CategoryID)
		})
	}

	t.Run("a moved file is listed and counted in its new category only", func(t *testing.T) {
		ctx := context.Background()
		f := newFiles(t, "q3.pdf")
		f.move(t, f.ann.ID, f.live.ID, f.taxes.ID)

		assert.Empty(t, f.listAll(t, f.ann.ID, domain.FileFilter{CategoryID: f.receipts.ID}))
		assert.Equal(t, []int64{f.live.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{CategoryID: f.taxes.ID}))
		receipts, err := f.app.Queries.Categories.Summary(ctx, f.ann.ID, f.receipts.ID)
		require.NoError(t, err)
		assert.Zero(t, receipts.Files)
		taxes, err := f.app.Queries.Categories.Summary(ctx, f.ann.ID, f.taxes.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, taxes.Files)
		details, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: f.ann.ID, FileID: f.live.ID})
		require.NoError(t, err)
		assert.Equal(t, &f.taxes, details.Category)
	})
}

func TestManageFilesTrash(t *testing.T) {
	ctx := context.Background()
	f := newFiles(t, "q3.pdf")
	later := f.clock.Advance(90 * time.Minute)

	trashed, err := f.app.Commands.ManageFiles.Trash(ctx, f.ann.ID, f.live.ID)
	require.NoError(t, err)

	t.Run("a trashed file is marked deleted now and keeps its category", func(t *testing.T) {
		require.NotNil(t, trashed.DeletedAt)
		assert.Equal(t, later, *trashed.DeletedAt)
		assert.Equal(t, &f.receipts.ID, trashed.CategoryID)
		assert.Equal(t, trashed, f.file(t, f.ann.ID, f.live.ID))
	})
	t.Run("a trashed file is hidden from the lists", func(t *testing.T) {
		assert.Empty(t, f.listAll(t, f.ann.ID, domain.FileFilter{}))
		assert.Empty(t, f.listAll(t, f.ann.ID, domain.FileFilter{CategoryID: f.receipts.ID}))
		assert.Empty(t, f.listAll(t, f.ann.ID, domain.FileFilter{Kind: domain.KindDocument}))
	})
	t.Run("the trash lists the trashed files, the newest kept first", func(t *testing.T) {
		assert.Equal(t, []int64{f.trashed.ID, f.live.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{Trashed: true}))
	})
	t.Run("a trashed file is counted apart", func(t *testing.T) {
		assert.Equal(t, app.KindCounts{ByKind: map[domain.Kind]int{}, Trashed: 2}, f.counts(t, f.ann.ID))
		summary, err := f.app.Queries.Categories.Summary(ctx, f.ann.ID, f.receipts.ID)
		require.NoError(t, err)
		assert.Zero(t, summary.Files)
	})
	t.Run("a trashed file is not found unless asked for from the trash", func(t *testing.T) {
		_, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: f.ann.ID, FileID: f.live.ID})
		assert.ErrorIs(t, err, domain.ErrNotFound)
		details, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: f.ann.ID, FileID: f.live.ID, Trashed: true})
		require.NoError(t, err)
		assert.Equal(t, app.FileDetails{File: trashed, Category: &f.receipts}, details)
	})
	t.Run("a trashed file cannot be renamed, moved or trashed again", func(t *testing.T) {
		_, err := f.app.Commands.ManageFiles.Rename(ctx, f.ann.ID, f.live.ID, "new")
		assert.ErrorIs(t, err, domain.ErrNotFound)
		_, err = f.app.Commands.ManageFiles.Move(ctx, f.ann.ID, f.live.ID, f.taxes.ID)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		_, err = f.app.Commands.ManageFiles.Trash(ctx, f.ann.ID, f.live.ID)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.Equal(t, trashed, f.file(t, f.ann.ID, f.live.ID))
	})

	restored, err := f.app.Commands.ManageFiles.Restore(ctx, f.ann.ID, f.live.ID)
	require.NoError(t, err)

	t.Run("a restored file is live again, in its category", func(t *testing.T) {
		assert.Equal(t, app.FileDetails{File: f.live, Category: &f.receipts}, restored, "its card, with its category")
		assert.Equal(t, f.live, f.file(t, f.ann.ID, f.live.ID))
		assert.Equal(t, []int64{f.live.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{CategoryID: f.receipts.ID}))
		assert.Equal(t, []int64{f.trashed.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{Trashed: true}))
		assert.Equal(t, app.KindCounts{ByKind: map[domain.Kind]int{domain.KindDocument: 1}, Total: 1, Trashed: 1}, f.counts(t, f.ann.ID))
	})
	t.Run("restoring a live file changes nothing", func(t *testing.T) {
		again, err := f.app.Commands.ManageFiles.Restore(ctx, f.ann.ID, f.live.ID)
		require.NoError(t, err)
		assert.Equal(t, f.live, again.File)
		assert.Equal(t, f.live, f.file(t, f.ann.ID, f.live.ID))
	})
}

func TestManageFilesTrashOfAFileWhoseCategoryWasDeleted(t *testing.T) {
	ctx := context.Background()
	f := newFiles(t, "q3.pdf")
	f.trash(t, f.ann.ID, f.live.ID)
	_, affected, err := f.app.Commands.Categories.Delete(ctx, f.ann.ID, f.receipts.ID)
	require.NoError(t, err)

	t.Run("deleting the category counted no live file", func(t *testing.T) {
		assert.Zero(t, affected)
	})
	t.Run("the restored file is uncategorised", func(t *testing.T) {
		restored, err := f.app.Commands.ManageFiles.Restore(ctx, f.ann.ID, f.live.ID)
		require.NoError(t, err)
		assert.Nil(t, restored.File.CategoryID)
		assert.Nil(t, restored.File.DeletedAt)
		assert.Nil(t, restored.Category, "its card names no category")
		assert.Equal(t, []int64{f.live.ID}, f.listAll(t, f.ann.ID, domain.FileFilter{Uncategorised: true}))
	})
}

func TestManageFilesDeleteForever(t *testing.T) {
	ctx := context.Background()
	f := newFiles(t, "q3.pdf")

	deleted, err := f.app.Commands.ManageFiles.DeleteForever(ctx, f.ann.ID, f.trashed.ID)
	require.NoError(t, err)

	t.Run("the deleted file is returned as it was", func(t *testing.T) {
		assert.Equal(t, f.trashed, deleted)
	})
	t.Run("a file deleted forever is gone, from the trash too", func(t *testing.T) {
		_, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: f.ann.ID, FileID: f.trashed.ID, Trashed: true})
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.Empty(t, f.listAll(t, f.ann.ID, domain.FileFilter{Trashed: true}))
		assert.Zero(t, f.counts(t, f.ann.ID).Trashed)
	})
	t.Run("a file deleted forever cannot be restored", func(t *testing.T) {
		_, err := f.app.Commands.ManageFiles.Restore(ctx, f.ann.ID, f.trashed.ID)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
	t.Run("the same file sent again is kept as a new file", func(t *testing.T) {
		res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: f.ann.ID, File: document("trashed")})
		require.NoError(t, err)
		assert.False(t, res.AlreadySaved)
		assert.False(t, res.Restored)
		assert.NotEqual(t, f.trashed.ID, res.File.ID)
	})
}

func TestManageFilesRefusals(t *testing.T) {
	ctx := context.Background()
	type call func(m app.ManageFiles, ctx context.Context, owner, id int64) (domain.File, error)
	rename := func(m app.ManageFiles, ctx context.Context, owner, id int64) (domain.File, error) {
		d, err := m.Rename(ctx, owner, id, "new name")
		assert.Zero(t, d)
		return d.File, err
	}
	move := func(m app.ManageFiles, ctx context.Context, owner, id int64) (domain.File, error) {
		d, err := m.Move(ctx, owner, id, 0)
		assert.Zero(t, d)
		return d.File, err
	}
	restore := func(m app.ManageFiles, ctx context.Context, owner, id int64) (domain.File, error) {
		d, err := m.Restore(ctx, owner, id)
		assert.Zero(t, d)
		return d.File, err
	}
	tests := []struct {
		name    string
		call    call
		file    func(f files) int64
		wantErr error
	}{
		{"renaming another user's file is forbidden", rename, bobsFile, domain.ErrForbidden},
		{"renaming an unknown file is not found", rename, unknownFile, domain.ErrNotFound},
		{"moving another user's file is forbidden", move, bobsFile, domain.ErrForbidden},
		{"moving an unknown file is not found", move, unknownFile, domain.ErrNotFound},
		{"trashing another user's file is forbidden", app.ManageFiles.Trash, bobsFile, domain.ErrForbidden},
		{"trashing an unknown file is not found", app.ManageFiles.Trash, unknownFile, domain.ErrNotFound},
		{"restoring another user's file is forbidden", restore, bobsFile, domain.ErrForbidden},
		{"restoring an unknown file is not found", restore, unknownFile, domain.ErrNotFound},
		{"deleting a live file forever is not found: it must be trashed first", app.ManageFiles.DeleteForever,
			func(f files) int64 { return f.live.ID }, domain.ErrNotFound},
		{"deleting another user's file forever is forbidden", app.ManageFiles.DeleteForever, bobsFile, domain.ErrForbidden},
		{"deleting an unknown file forever is not found", app.ManageFiles.DeleteForever, unknownFile, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFiles(t, "q3.pdf")
			m := f.app.Commands.ManageFiles

			got, err := tt.call(m, ctx, f.ann.ID, tt.file(f))

			assert.ErrorIs(t, err, tt.wantErr)
			assert.Zero(t, got)
			assert.Equal(t, f.live, f.file(t, f.ann.ID, f.live.ID), "Ann's file is unchanged")
			assert.Equal(t, f.bobsFile, f.file(t, f.bob.ID, f.bobsFile.ID), "Bob's file is unchanged")
			assert.Equal(t, f.trashed, f.file(t, f.ann.ID, f.trashed.ID), "the trashed file is unchanged")
		})
	}
}

func bobsFile(f files) int64  { return f.bobsFile.ID }
func unknownFile(files) int64 { return 999 }

func TestManageFilesEmptyTrash(t *testing.T) {
	f := newFiles(t, "q3.pdf")
	second := f.trash(t, f.ann.ID, f.save(t, f.ann.ID, document("second")).ID)
	bobsTrashed := f.trash(t, f.bob.ID, f.save(t, f.bob.ID, document("bob's trashed")).ID)
	ctx := context.Background()

	n, err := f.app.Commands.ManageFiles.EmptyTrash(ctx, f.ann.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "it says how many files it deleted")
	for _, gone := range []domain.File{f.trashed, second} {
		_, err := f.store.Repos().Files.Get(ctx, gone.OwnerID, gone.ID)
		assert.ErrorIs(t, err, domain.ErrNotFound, "%s is deleted for good", gone.Name)
	}
	for _, kept := range []domain.File{f.live, f.bobsFile, bobsTrashed} {
		_, err := f.store.Repos().Files.Get(ctx, kept.OwnerID, kept.ID)
		assert.NoError(t, err, "%s is kept: live, or not Ann's", kept.Name)
	}
	n, err = f.app.Commands.ManageFiles.EmptyTrash(ctx, f.ann.ID)
	require.NoError(t, err)
	assert.Zero(t, n, "emptying an empty trash deletes nothing")
}

func TestManageFilesReuploadedRecordsTheNewTelegramFileID(t *testing.T) {
	ctx := context.Background()
	f := newFiles(t, "report_Q3.pdf")
	card, err := f.app.Commands.ManageFiles.Rename(ctx, f.ann.ID, f.live.ID, "annual")
	require.NoError(t, err)
	renamed := card.File
	require.True(t, renamed.RenamePending, "a renamed document is to be uploaded again")

	t.Run("only the owner's file is changed", func(t *testing.T) {
		err := f.app.Commands.ManageFiles.Reuploaded(ctx, f.bob.ID, f.live.ID, renamed.TelegramFileID, "bobs-id")
		assert.ErrorIs(t, err, domain.ErrForbidden)
		assert.Equal(t, renamed, f.file(t, f.ann.ID, f.live.ID))
	})
	t.Run("a file id refreshed meanwhile is left alone", func(t *testing.T) {
		require.NoError(t, f.app.Commands.ManageFiles.Reuploaded(ctx, f.ann.ID, f.live.ID, "an-older-id", "new-id"))
		assert.Equal(t, renamed, f.file(t, f.ann.ID, f.live.ID))
	})
	t.Run("the new file id is kept and the rename is done", func(t *testing.T) {
		require.NoError(t, f.app.Commands.ManageFiles.Reuploaded(ctx, f.ann.ID, f.live.ID, renamed.TelegramFileID, "new-id"))
		got := f.file(t, f.ann.ID, f.live.ID)
		assert.Equal(t, "new-id", got.TelegramFileID)
		assert.False(t, got.RenamePending)
		assert.Equal(t, "annual.pdf", got.Name)
	})
}
