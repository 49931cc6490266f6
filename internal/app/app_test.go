package app_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// start is when every test's clock starts.
var start = time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC)

// fixture is an Application over an empty memory store and a stopped clock.
type fixture struct {
	store *memory.Store
	clock *memory.Clock
	app   app.Application
}

func newFixture(limits app.Limits) fixture {
	store := memory.NewStore()
	clock := memory.NewClock(start)
	return fixture{store: store, clock: clock, app: app.New(store.UnitOfWork(), clock, app.RandomTokens{}, limits)}
}

// register makes a user with that Telegram id and returns them as stored.
func (f fixture) register(t *testing.T, telegramID int64) domain.User {
	t.Helper()
	u, err := f.app.Commands.RegisterUser.Handle(context.Background(), domain.Profile{
		TelegramID: telegramID, FirstName: fmt.Sprintf("User %d", telegramID),
	})
	require.NoError(t, err)
	return u
}

// save keeps in for owner and returns the stored file.
func (f fixture) save(t *testing.T, owner int64, in domain.IncomingFile) domain.File {
	t.Helper()
	res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: owner, File: in})
	require.NoError(t, err)
	return res.File
}

// saveDeleted stores a file of owner that was already deleted, as a repository would find it.
func (f fixture) saveDeleted(t *testing.T, owner int64, uniqueID string) domain.File {
	t.Helper()
	deletedAt := start
	stored, _, err := f.store.Repos().Files.Save(context.Background(), domain.File{
		OwnerID: owner, TelegramFileID: "tg-" + uniqueID, UniqueID: uniqueID, Name: uniqueID + ".pdf",
		Kind: domain.KindDocument, Carrier: domain.KindDocument, CreatedAt: start, DeletedAt: &deletedAt,
	})
	require.NoError(t, err)
	return stored
}

// document is an incoming PDF document with that unique id.
func document(uniqueID string) domain.IncomingFile {
	return domain.IncomingFile{
		TelegramFileID: "tg-" + uniqueID, UniqueID: uniqueID, Name: uniqueID + ".pdf",
		MIMEType: "application/pdf", Size: 100, Carrier: domain.KindDocument,
	}
}

// photo is an incoming photo with that unique id.
func photo(uniqueID string) domain.IncomingFile {
	return domain.IncomingFile{TelegramFileID: "tg-" + uniqueID, UniqueID: uniqueID, Size: 100, Carrier: domain.KindPhoto}
}

// category makes a category of owner and returns it.
func (f fixture) category(t *testing.T, owner int64, name string) domain.Category {
	t.Helper()
	c, err := f.app.Commands.Categories.Create(context.Background(), owner, name)
	require.NoError(t, err)
	return c
}

// move puts the owner's file into the category (none when categoryID is 0) and returns it.
func (f fixture) move(t *testing.T, owner, fileID, categoryID int64) domain.File {
	t.Helper()
	file, err := f.app.Commands.ManageFiles.Move(context.Background(), owner, fileID, categoryID)
	require.NoError(t, err)
	return file.File
}

// trash deletes the owner's file to the trash and returns it.
func (f fixture) trash(t *testing.T, owner, fileID int64) domain.File {
	t.Helper()
	file, err := f.app.Commands.ManageFiles.Trash(context.Background(), owner, fileID)
	require.NoError(t, err)
	return file
}

// file returns the owner's file as stored, trashed or not.
func (f fixture) file(t *testing.T, owner, fileID int64) domain.File {
	t.Helper()
	d, err := f.app.Queries.GetFile.Handle(context.Background(), app.GetFileInput{OwnerID: owner, FileID: fileID, Trashed: true})
	require.NoError(t, err)
	return d.File
}

// counts counts the owner's files.
func (f fixture) counts(t *testing.T, owner int64) app.KindCounts {
	t.Helper()
	c, err := f.app.Queries.FileCounts.Handle(context.Background(), owner)
	require.NoError(t, err)
	return c
}

// listAll follows Next from the first page and returns the ids of every file in filter.
func (f fixture) listAll(t *testing.T, owner int64, filter domain.FileFilter) []int64 {
	t.Helper()
	var ids []int64
	in := app.ListFilesInput{OwnerID: owner, Filter: filter, PageSize: domain.MinPageSize}
	for range 100 {
		page, err := f.app.Queries.ListFiles.Handle(context.Background(), in)
		require.NoError(t, err)
		ids = append(ids, fileIDs(page.Items)...)
		if page.Next == nil {
			return ids
		}
		in.Cursor = *page.Next
	}
	require.Fail(t, "following Next never ends")
	return nil
}

// named is an incoming document with that unique id and file name.
func named(uniqueID, name string) domain.IncomingFile {
	in := document(uniqueID)
	in.Name = name
	return in
}

// brokenUnitOfWork fails every unit of work, as a store that is down would.
type brokenUnitOfWork struct{ err error }

func (u brokenUnitOfWork) Do(context.Context, func(context.Context, app.Repos) error) error {
	return u.err
}

func TestUseCasesReportAFailingStore(t *testing.T) {
	errDown := errors.New("store is down")
	a := app.New(brokenUnitOfWork{err: errDown}, memory.NewClock(start), app.RandomTokens{}, app.Limits{})
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
	}{
		{"registering a user reports the failure", func() error {
			_, err := a.Commands.RegisterUser.Handle(ctx, domain.Profile{TelegramID: 1})
			return err
		}},
		{"saving a file reports the failure", func() error {
			_, err := a.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: 1, File: document("a")})
			return err
		}},
		{"listing files reports the failure", func() error {
			_, err := a.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: 1})
			return err
		}},
		{"getting a file reports the failure", func() error {
			_, err := a.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: 1, FileID: 1})
			return err
		}},
		{"counting files reports the failure", func() error {
			_, err := a.Queries.FileCounts.Handle(ctx, 1)
			return err
		}},
		{"making a category reports the failure", func() error {
			_, err := a.Commands.Categories.Create(ctx, 1, "Receipts")
			return err
		}},
		{"getting a category reports the failure", func() error {
			_, err := a.Queries.Categories.Get(ctx, 1, 1)
			return err
		}},
		{"renaming a category reports the failure", func() error {
			_, err := a.Commands.Categories.Rename(ctx, 1, 1, "Bills")
			return err
		}},
		{"deleting a category reports the failure", func() error {
			_, _, err := a.Commands.Categories.Delete(ctx, 1, 1)
			return err
		}},
		{"listing categories reports the failure", func() error {
			_, err := a.Queries.Categories.List(ctx, 1, domain.Cursor{}, 0)
			return err
		}},
		{"summarising a category reports the failure", func() error {
			_, err := a.Queries.Categories.Summary(ctx, 1, 1)
			return err
		}},
		{"renaming a file reports the failure", func() error {
			_, err := a.Commands.ManageFiles.Rename(ctx, 1, 1, "report")
			return err
		}},
		{"moving a file reports the failure", func() error {
			_, err := a.Commands.ManageFiles.Move(ctx, 1, 1, 0)
			return err
		}},
		{"trashing a file reports the failure", func() error {
			_, err := a.Commands.ManageFiles.Trash(ctx, 1, 1)
			return err
		}},
		{"restoring a file reports the failure", func() error {
			_, err := a.Commands.ManageFiles.Restore(ctx, 1, 1)
			return err
		}},
		{"deleting a file forever reports the failure", func() error {
			_, err := a.Commands.ManageFiles.DeleteForever(ctx, 1, 1)
			return err
		}},
		{"beginning a flow reports the failure", func() error {
			_, err := a.Commands.Conversations.Begin(ctx, domain.Conversation{UserID: 1, Step: domain.StepNewCategory})
			return err
		}},
		{"looking for the flow under way reports the failure", func() error {
			_, ok, err := a.Queries.Conversations.Current(ctx, 1)
			assert.False(t, ok)
			return err
		}},
		{"ending a flow reports the failure", func() error {
			_, ok, err := a.Commands.Conversations.End(ctx, 1)
			assert.False(t, ok)
			return err
		}},
		{"purging the trash reports the failure", func() error {
			n, err := a.Commands.PurgeTrash.Handle(ctx)
			assert.Zero(t, n)
			return err
		}},
		{"handling an update reports the failure", func() error {
			first, err := a.Updates.Once(ctx, 1, func(context.Context) error { return nil })
			assert.False(t, first)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, tt.call(), errDown)
		})
	}
}

func TestSystemClockTellsTheCurrentTime(t *testing.T) {
	before := time.Now()
	now := app.SystemClock{}.Now()
	after := time.Now()
	assert.False(t, now.Before(before))
	assert.False(t, now.After(after))
}
