package backup_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/app/backup"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// start is when every test's clock starts.
var start = time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC)

// fixture is an Application and its Archive over an empty memory store and a stopped clock.
type fixture struct {
	store   *memory.Store
	app     app.Application
	archive backup.Archive
}

func newFixture(limits app.Limits) fixture {
	store := memory.NewStore()
	a := app.New(store.UnitOfWork(), memory.NewClock(start), app.RandomTokens{}, limits)
	return fixture{store: store, app: a, archive: backup.NewArchive(store.UnitOfWork())}
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

// named is an incoming PDF document with that unique id and file name.
func named(uniqueID, name string) domain.IncomingFile {
	return domain.IncomingFile{
		TelegramFileID: "tg-" + uniqueID, UniqueID: uniqueID, Name: name,
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

// move puts the owner's file into the category and returns it.
func (f fixture) move(t *testing.T, owner, fileID, categoryID int64) domain.File {
	t.Helper()
	file, err := f.app.Commands.ManageFiles.Move(context.Background(), owner, fileID, categoryID)
	require.NoError(t, err)
	return file.File
}

// trash deletes the owner's file to the trash.
func (f fixture) trash(t *testing.T, owner, fileID int64) {
	t.Helper()
	_, err := f.app.Commands.ManageFiles.Trash(context.Background(), owner, fileID)
	require.NoError(t, err)
}

// file returns the owner's file as stored, trashed or not.
func (f fixture) file(t *testing.T, owner, fileID int64) domain.File {
	t.Helper()
	d, err := f.app.Queries.GetFile.Handle(context.Background(), app.GetFileInput{OwnerID: owner, FileID: fileID, Trashed: true})
	require.NoError(t, err)
	return d.File
}

// sharing is a fixture with two users, Ann with two files in her category and a loose one, and
// Bob with one.
type sharing struct {
	fixture
	ann, bob               domain.User
	receipts               domain.Category
	report, invoice, loose domain.File
}

func newSharing(t *testing.T, limits app.Limits) sharing {
	t.Helper()
	s := sharing{fixture: newFixture(limits)}
	s.ann, s.bob = s.register(t, 42), s.register(t, 43)
	s.receipts = s.category(t, s.ann.ID, "Receipts")
	s.category(t, s.bob.ID, "Bob's")
	s.report = s.move(t, s.ann.ID, s.save(t, s.ann.ID, named("report", "report.pdf")).ID, s.receipts.ID)
	s.invoice = s.move(t, s.ann.ID, s.save(t, s.ann.ID, named("invoice", "invoice.pdf")).ID, s.receipts.ID)
	s.loose = s.save(t, s.ann.ID, named("loose", "loose.pdf"))
	s.save(t, s.bob.ID, named("bobs", "bob's.pdf"))
	return s
}

// share makes a link of owner to the file or the category.
func (s sharing) share(t *testing.T, owner, fileID, categoryID int64) domain.Share {
	t.Helper()
	link, err := s.app.Commands.Shares.Create(context.Background(), owner, fileID, categoryID)
	require.NoError(t, err)
	return link.Share
}

// limited makes a link of Ann's to the file or the category with opt.
func (s sharing) limited(t *testing.T, fileID, categoryID int64, opt app.LinkOptions) domain.Share {
	t.Helper()
	link, err := s.app.Commands.Shares.CreateLimited(context.Background(), s.ann.ID, fileID, categoryID, opt)
	require.NoError(t, err)
	return link.Share
}

// open redeems the link for viewer.
func (s sharing) open(t *testing.T, viewer int64, token string) {
	t.Helper()
	_, err := s.app.Commands.Shares.Open(context.Background(), viewer, token)
	require.NoError(t, err)
}

// links is the owner's active links.
func (s sharing) links(t *testing.T, owner int64) []domain.ShareSummary {
	t.Helper()
	list, err := s.app.Queries.Links.List(context.Background(), owner, domain.Cursor{}, domain.MaxPageSize)
	require.NoError(t, err)
	require.Nil(t, list.Page.Next, "more links than one page holds")
	return list.Page.Items
}
