package app_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var errWrite = errors.New("a query wrote")

// readOnlyUnitOfWork hands out repositories whose every writing method fails with errWrite.
type readOnlyUnitOfWork struct{ app.UnitOfWork }

func (u readOnlyUnitOfWork) Do(ctx context.Context, fn func(context.Context, app.Repos) error) error {
	return u.UnitOfWork.Do(ctx, func(ctx context.Context, r app.Repos) error {
		return fn(ctx, app.Repos{
			Users: roUsers{r.Users}, Files: roFiles{r.Files}, Categories: roCategories{r.Categories}, Tags: roTags{r.Tags},
			Conversations: roConversations{r.Conversations}, Searches: roSearches{r.Searches},
			Shares: roShares{r.Shares}, Updates: roUpdates{r.Updates}, Stats: r.Stats, Jobs: roJobs{},
			Bans:    roBans{r.Bans},
			Storage: roStorage{r.Storage},
			Albums:  roAlbums{r.Albums},
		})
	})
}

type roStorage struct{ app.StorageRepository }

func (roStorage) Rebind(context.Context, int64, string, string, int64) (bool, error) {
	return false, errWrite
}
func (roStorage) AdoptUnbound(context.Context, int64) (int, error) { return 0, errWrite }
func (roStorage) SetCopy(context.Context, int64, domain.StorageCopy) (bool, error) {
	return false, errWrite
}
func (roStorage) ForgetDeleted(context.Context, domain.StorageCopy) error { return errWrite }

type roJobs struct{}

func (roJobs) Enqueue(context.Context, app.Job, app.JobOptions) error { return errWrite }

type roUsers struct{ app.UserRepository }

func (roUsers) Upsert(context.Context, domain.User) (domain.User, error) {
	return domain.User{}, errWrite
}
func (roUsers) UpdateSettings(context.Context, int64, domain.Settings) error { return errWrite }
func (roUsers) SetBlocked(context.Context, int64) error                      { return errWrite }

type roFiles struct{ app.FileRepository }

func (roFiles) Save(context.Context, domain.File) (domain.File, bool, error) {
	return domain.File{}, false, errWrite
}
func (roFiles) Update(context.Context, domain.File) error { return errWrite }
func (roFiles) ReplaceTelegramFileID(context.Context, int64, int64, string, string) (bool, error) {
	return false, errWrite
}
func (roFiles) Delete(context.Context, int64, int64) error                { return errWrite }
func (roFiles) PurgeTrashed(context.Context, time.Time, int) (int, error) { return 0, errWrite }
func (roFiles) EmptyTrash(context.Context, int64) (int, error)            { return 0, errWrite }
func (roFiles) DeleteAll(context.Context, int64) (int, error)             { return 0, errWrite }

type roBans struct{ app.BanRepository }

func (roBans) Add(context.Context, domain.Ban) (bool, error)            { return false, errWrite }
func (roBans) Remove(context.Context, int64) error                      { return errWrite }
func (roBans) MarkTold(context.Context, int64, time.Time) (bool, error) { return false, errWrite }

type roTags struct{ app.TagRepository }

func (roTags) Add(context.Context, int64, int64, []string, time.Time) error { return errWrite }
func (roTags) Remove(context.Context, int64, int64, []string) error         { return errWrite }

type roCategories struct{ app.CategoryRepository }

func (roCategories) Create(context.Context, domain.Category) (domain.Category, error) {
	return domain.Category{}, errWrite
}
func (roCategories) Rename(context.Context, int64, int64, string) error { return errWrite }
func (roCategories) Delete(context.Context, int64, int64) (int, error)  { return 0, errWrite }

type roConversations struct{ app.ConversationStore }

func (roConversations) Put(context.Context, domain.Conversation) error { return errWrite }
func (roConversations) Clear(context.Context, int64) error             { return errWrite }
func (roConversations) Take(context.Context, int64) (domain.Conversation, error) {
	return domain.Conversation{}, errWrite
}
func (roConversations) SetPrompt(context.Context, int64, domain.Step, int) error { return errWrite }

type roSearches struct{ app.SearchRepository }

func (roSearches) Save(context.Context, domain.Search) (domain.Search, error) {
	return domain.Search{}, errWrite
}
func (roSearches) Prune(context.Context, int64, int) error { return errWrite }

type roShares struct{ app.ShareRepository }

func (roShares) Create(context.Context, domain.Share) (domain.Share, error) {
	return domain.Share{}, errWrite
}
func (roShares) Revoke(context.Context, int64, int64, time.Time) error        { return errWrite }
func (roShares) RevokeForFile(context.Context, int64, time.Time) (int, error) { return 0, errWrite }
func (roShares) CountUse(context.Context, int64) error                        { return errWrite }
func (roShares) Grant(context.Context, int64, int64, time.Time) error         { return errWrite }

type roUpdates struct{ app.UpdateLog }

func (roUpdates) Claim(context.Context, int64) (bool, error)           { return false, errWrite }
func (roUpdates) ClaimFor(context.Context, int64, int64) (bool, error) { return false, errWrite }
func (roUpdates) Prune(context.Context, time.Time, int) (int, error)   { return 0, errWrite }
func (roUpdates) Park(context.Context, app.ParkedUpdate) error         { return errWrite }
func (roUpdates) Unpark(context.Context, int64, int64) error           { return errWrite }

type roAlbums struct{ app.AlbumRepository }

func (roAlbums) Arrive(context.Context, int64, string, bool, time.Time) (domain.Album, error) {
	return domain.Album{}, errWrite
}
func (roAlbums) AddFile(context.Context, int64, int64, int64) (bool, error)      { return false, errWrite }
func (roAlbums) SetConfirmation(context.Context, int64, int64, int64, int) error { return errWrite }
func (roAlbums) Rename(context.Context, int64, int64, string) error              { return errWrite }

// TestQueriesOnlyRead runs every method under Queries over repositories that refuse writes: a
// query that writes fails here, and a query method added without a case here fails too.
func TestQueriesOnlyRead(t *testing.T) {
	ctx := context.Background()
	limits := app.Limits{Admins: []int64{42}, ConversationTTL: time.Hour}
	f := newFixture(limits)
	ann := f.register(t, 42)
	cat := f.category(t, ann.ID, "Receipts")
	file := f.move(t, ann.ID, f.save(t, ann.ID, document("report")).ID, cat.ID)
	search, _, err := f.app.Commands.Search.Start(ctx, ann.ID, "report", 0, "")
	require.NoError(t, err)
	link, err := f.app.Commands.Shares.Create(ctx, ann.ID, file.ID, 0)
	require.NoError(t, err)
	d, err := f.app.Commands.Tags.Edit(ctx, ann.ID, file.ID, "#work")
	require.NoError(t, err)
	tag := d.Tags[0]
	_, err = f.app.Commands.Conversations.Begin(ctx, domain.Conversation{UserID: ann.ID, Step: domain.StepRenameFile, FileID: file.ID})
	require.NoError(t, err)
	album, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: inAlbum(photo("p1"), "g1")})
	require.NoError(t, err)
	q := app.New(readOnlyUnitOfWork{f.store.UnitOfWork()}, f.clock, app.RandomTokens{}, limits).Queries

	calls := map[string]func() error{
		"ListFiles.Handle": func() error {
			page, err := q.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: ann.ID, Filter: domain.FileFilter{SearchID: search.ID}})
			assert.Len(t, page.Items, 1)
			return err
		},
		"GetFile.Handle": func() error {
			_, err := q.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: file.ID})
			return err
		},
		"FileCounts.Handle":  func() error { _, err := q.FileCounts.Handle(ctx, ann.ID); return err },
		"Categories.Get":     func() error { _, err := q.Categories.Get(ctx, ann.ID, cat.ID); return err },
		"Categories.List":    func() error { _, err := q.Categories.List(ctx, ann.ID, domain.Cursor{}, 0); return err },
		"Categories.Summary": func() error { _, err := q.Categories.Summary(ctx, ann.ID, cat.ID); return err },
		"Links.List":         func() error { _, err := q.Links.List(ctx, ann.ID, domain.Cursor{}, 0); return err },
		"Links.Link":         func() error { _, err := q.Links.Link(ctx, ann.ID, link.Share.ID); return err },
		"Tags.List": func() error {
			page, err := q.Tags.List(ctx, ann.ID, domain.Cursor{}, 0)
			assert.Len(t, page.Items, 1)
			return err
		},
		"Tags.Get": func() error { _, err := q.Tags.Get(ctx, ann.ID, tag.ID); return err },
		"Conversations.Current": func() error {
			_, ok, err := q.Conversations.Current(ctx, ann.ID)
			assert.True(t, ok)
			return err
		},
		"Profile.Show":   func() error { _, err := q.Profile.Show(ctx, ann); return err },
		"Find.Get":       func() error { _, err := q.Find.Get(ctx, ann.ID, search.ID); return err },
		"Find.Inline":    func() error { _, err := q.Find.Inline(ctx, ann.ID, "rep", 0); return err },
		"Stats.Show":     func() error { _, err := q.Stats.Show(ctx, ann); return err },
		"Library.Export": func() error { _, err := q.Library.Export(ctx, ann.ID); return err },
		"Find.Inline by tag": func() error {
			page, err := q.Find.Inline(ctx, ann.ID, "#work", 0)
			assert.Len(t, page.Items, 1)
			return err
		},
		"Albums.Open": func() error { _, err := q.Albums.Open(ctx, ann.ID, album.Album.Album.ID); return err },
		"Albums.OnPage": func() error {
			sums, err := q.Albums.OnPage(ctx, ann.ID, []domain.File{album.File}, false)
			assert.Len(t, sums, 1)
			return err
		},
		"Stats.IsAdmin": func() error {
			assert.True(t, q.Stats.IsAdmin(ann))
			return nil
		},
	}

	queries := reflect.TypeOf(q)
	for i := range queries.NumField() {
		field := queries.Field(i)
		for j := range field.Type.NumMethod() {
			name := field.Name + "." + field.Type.Method(j).Name
			t.Run(name, func(t *testing.T) {
				call, ok := calls[name]
				require.True(t, ok, "every query method has a case here")
				assert.NoError(t, call())
			})
		}
	}
}
