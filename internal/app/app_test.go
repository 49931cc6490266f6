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
	return fixture{store: store, clock: clock, app: app.New(store.UnitOfWork(), clock, limits)}
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

// brokenUnitOfWork fails every unit of work, as a store that is down would.
type brokenUnitOfWork struct{ err error }

func (u brokenUnitOfWork) Do(context.Context, func(context.Context, app.Repos) error) error {
	return u.err
}

func TestUseCasesReportAFailingStore(t *testing.T) {
	errDown := errors.New("store is down")
	a := app.New(brokenUnitOfWork{err: errDown}, memory.NewClock(start), app.Limits{})
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
