package backup_test

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/app/backup"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// wholeLibrary is a fixture with something of everything an export holds: Ann's settings with a
// default category, files in categories, loose and trashed, links to a file and a category (with
// limits, opened by Bob; and a revoked one, which is not exported); Bob, who blocked the bot,
// keeps a photo forwarded from a channel; a user the bot never met is banned, and was told.
func wholeLibrary(t *testing.T) sharing {
	t.Helper()
	s := newSharing(t, app.Limits{})
	ctx := context.Background()
	_, err := s.app.Commands.Settings.Update(ctx, s.ann, domain.Settings{PageSize: 12, Language: domain.Russian, DefaultCategoryID: &s.receipts.ID, Sort: domain.SortName})
	require.NoError(t, err)
	_, err = s.app.Commands.Tags.Edit(ctx, s.ann.ID, s.report.ID, "#tax #2026")
	require.NoError(t, err)
	s.trash(t, s.ann.ID, s.save(t, s.ann.ID, named("old", "old.pdf")).ID)
	forwarded := photo("bobs-photo")
	forwarded.Origin = domain.Origin{Kind: domain.OriginChannel, Name: "Cats Daily (@catsdaily)", Date: start.Add(-time.Hour)}
	forwarded.BotID = 777
	kept := s.save(t, s.bob.ID, forwarded)
	_, err = s.store.Repos().Storage.SetCopy(ctx, kept.ID, domain.StorageCopy{ChatID: -1001234567890, MessageID: 31})
	require.NoError(t, err)
	require.NoError(t, s.store.Repos().Users.SetBlocked(ctx, s.bob.TelegramID))
	s.share(t, s.ann.ID, s.report.ID, 0)
	s.limited(t, 0, s.receipts.ID, app.LinkOptions{Expiry: 7 * 24 * time.Hour, MaxViewers: 5, Protect: true})
	revoked := s.share(t, s.ann.ID, s.loose.ID, 0)
	_, err = s.app.Commands.Shares.Revoke(ctx, s.ann.ID, revoked.ID)
	require.NoError(t, err)
	s.open(t, s.bob.ID, s.links(t, s.ann.ID)[0].Token)
	told := start.Add(time.Minute)
	_, err = s.store.Repos().Bans.Add(ctx, domain.Ban{TelegramID: 5005, BannedBy: 1, BannedAt: start, ToldAt: &told})
	require.NoError(t, err)
	return s
}

// export returns every record of f's database.
func export(t *testing.T, f fixture) ([]backup.ArchiveRecord, backup.ArchiveCounts) {
	t.Helper()
	var recs []backup.ArchiveRecord
	n, err := f.archive.Export(context.Background(), func(r backup.ArchiveRecord) error {
		recs = append(recs, r)
		return nil
	})
	require.NoError(t, err)
	return recs, n
}

// importInto stores recs into f's database.
func importInto(t *testing.T, f fixture, recs []backup.ArchiveRecord) (backup.ArchiveCounts, error) {
	t.Helper()
	i := 0
	return f.archive.Import(context.Background(), func() (backup.ArchiveRecord, error) {
		if i == len(recs) {
			return backup.ArchiveRecord{}, io.EOF
		}
		i++
		return recs[i-1], nil
	})
}

// portable is what of recs survives a move to another database: every internal id is dropped.
func portable(recs []backup.ArchiveRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		switch {
		case r.User != nil:
			u := *r.User
			u.User.ID, u.User.DefaultCategoryID = 0, nil
			out[i] = fmt.Sprintf("%+v", u)
		case r.File != nil:
			f := *r.File
			f.File.ID, f.File.OwnerID, f.File.CategoryID = 0, 0, nil
			out[i] = fmt.Sprintf("%+v %v", f, f.File.DeletedAt != nil)
		case r.Category != nil:
			out[i] = fmt.Sprintf("%+v", *r.Category)
		case r.Share != nil:
			sh := *r.Share
			expires := "never"
			if at := sh.Limits.ExpiresAt; at != nil {
				expires = at.UTC().String()
			}
			sh.Limits.ExpiresAt = nil
			out[i] = fmt.Sprintf("%+v expires %s", sh, expires)
		case r.Ban != nil:
			out[i] = fmt.Sprintf("ban of %d by %d at %v, told at %v", r.Ban.TelegramID, r.Ban.BannedBy, r.Ban.BannedAt, *r.Ban.ToldAt)
		}
	}
	return out
}

func TestArchiveExportsEveryUsersLibrary(t *testing.T) {
	s := wholeLibrary(t)
	recs, n := export(t, s.fixture)
	assert.Equal(t, backup.ArchiveCounts{Users: 2, Categories: 2, Files: 6, Shares: 2, Bans: 1}, n)
	require.NotNil(t, recs[len(recs)-1].Ban, "the bans come last")
	assert.Equal(t, int64(5005), recs[len(recs)-1].Ban.TelegramID)
	require.NotNil(t, recs[0].User)
	assert.Equal(t, s.ann.TelegramID, recs[0].User.User.TelegramID)
	assert.Equal(t, "Receipts", recs[0].User.DefaultCategory)
	var files []string
	for _, r := range recs {
		if r.File != nil && r.File.Owner == s.ann.TelegramID {
			files = append(files, r.File.File.UniqueID+":"+r.File.Category)
		}
	}
	assert.Equal(t, []string{"report:Receipts", "invoice:Receipts", "loose:", "old:Receipts"}, files, "oldest first, the trash last")
}

func TestArchiveImportIntoAnEmptyDatabaseGivesTheSameLibrary(t *testing.T) {
	s := wholeLibrary(t)
	recs, n := export(t, s.fixture)
	fresh := newFixture(app.Limits{})
	got, err := importInto(t, fresh, recs)
	require.NoError(t, err)
	assert.Equal(t, n, got)
	again, _ := export(t, fresh)
	assert.Equal(t, portable(recs), portable(again))

	ann, err := fresh.store.Repos().Users.ByTelegramID(context.Background(), s.ann.TelegramID)
	require.NoError(t, err)
	assert.Equal(t, 12, ann.PageSize)
	assert.Equal(t, domain.Russian, ann.Language)
	assert.Equal(t, domain.SortName, ann.Sort, "the order is a setting that moves along")
	for _, r := range again {
		if r.File != nil && r.File.File.UniqueID == "report" {
			assert.Equal(t, []string{"2026", "tax"}, r.File.Tags, "tags move along")
		}
	}
	require.NotNil(t, ann.DefaultCategoryID)
	for _, r := range recs {
		if r.Share != nil {
			opened, err := fresh.app.Commands.Shares.Open(context.Background(), ann.ID, r.Share.Token)
			require.NoError(t, err, "an imported link opens")
			assert.NotZero(t, opened.Share.ID)
		}
	}
	limited := s.links(t, s.ann.ID)[0]
	kept := sharing{fixture: fresh}.links(t, ann.ID)[0]
	assert.Equal(t, limited.Limits, kept.Limits, "a link keeps its limits")
	assert.Equal(t, 1, kept.Viewers, "and the people it admitted")
	bob, err := fresh.store.Repos().Users.ByTelegramID(context.Background(), s.bob.TelegramID)
	require.NoError(t, err)
	photos, err := fresh.app.Queries.ListFiles.Handle(context.Background(), app.ListFilesInput{OwnerID: bob.ID})
	require.NoError(t, err)
	require.Len(t, photos.Items, 2)
	assert.Equal(t, "Cats Daily (@catsdaily)", photos.Items[0].Origin.Name, "a forwarded file keeps its origin")
	assert.Equal(t, int64(777), photos.Items[0].BotID, "the bot its file id belongs to")
	assert.Equal(t, domain.StorageCopy{ChatID: -1001234567890, MessageID: 31}, photos.Items[0].Copy, "and its copy in the storage chat")
	assert.False(t, photos.Items[1].Origin.Forwarded())
}

func TestArchiveImportTwiceChangesNothingTheSecondTime(t *testing.T) {
	s := wholeLibrary(t)
	recs, _ := export(t, s.fixture)
	into := newFixture(app.Limits{})
	_, err := importInto(t, into, recs)
	require.NoError(t, err)
	first, _ := export(t, into)
	_, err = importInto(t, into, recs)
	require.NoError(t, err)
	second, n := export(t, into)
	assert.Equal(t, portable(first), portable(second))
	assert.Equal(t, 6, n.Files)
}

func TestArchiveImportIntoADatabaseInUseMergesByTelegramIDNameAndUniqueID(t *testing.T) {
	s := wholeLibrary(t)
	recs, _ := export(t, s.fixture)
	into := newFixture(app.Limits{})
	ann := into.register(t, s.ann.TelegramID)
	into.category(t, ann.ID, "RECEIPTS")
	mine := into.save(t, ann.ID, named("mine", "mine.pdf"))
	renamed := into.save(t, ann.ID, named("report", "other name.pdf"))
	_, err := importInto(t, into, recs)
	require.NoError(t, err)

	cats, err := into.store.Repos().Categories.List(context.Background(), ann.ID)
	require.NoError(t, err)
	assert.Len(t, cats, 1, "Receipts is RECEIPTS, ignoring case")
	assert.Equal(t, "mine.pdf", into.file(t, ann.ID, mine.ID).Name, "what only this database keeps stays")
	got := into.file(t, ann.ID, renamed.ID)
	assert.Equal(t, "report.pdf", got.Name, "the archive's name wins")
	assert.Equal(t, cats[0].ID, *got.CategoryID)
}

func TestArchiveImportRefusesRecordsThatDoNotFitTogether(t *testing.T) {
	s := wholeLibrary(t)
	recs, _ := export(t, s.fixture)
	orphanFile := *recs[3].File
	orphanFile.Owner = 999
	unknownCategory := *recs[3].File
	unknownCategory.Category = "Nowhere"
	var danglingLink backup.ArchivedShare
	for _, r := range recs {
		if r.Share != nil {
			danglingLink = *r.Share
		}
	}
	danglingLink.File, danglingLink.Category = "not-archived", ""
	for name, bad := range map[string]backup.ArchiveRecord{
		"a file before its owner":           {File: &orphanFile},
		"a file in a category not archived": {File: &unknownCategory},
		"a link to a file not archived":     {Share: &danglingLink},
		"an empty record":                   {},
	} {
		t.Run(name, func(t *testing.T) {
			into := newFixture(app.Limits{})
			broken := append(append([]backup.ArchiveRecord{}, recs[:3]...), bad)
			_, err := importInto(t, into, broken)
			assert.ErrorIs(t, err, backup.ErrBadArchive)
		})
	}
	t.Run("a tag the bot would not make is refused", func(t *testing.T) {
		f := *recs[3].File
		f.Tags = []string{"not a tag"}
		_, err := importInto(t, newFixture(app.Limits{}), append(append([]backup.ArchiveRecord{}, recs[:3]...), backup.ArchiveRecord{File: &f}))
		assert.ErrorIs(t, err, backup.ErrBadArchive)
	})
	t.Run("an invalid file is refused with the domain's reason", func(t *testing.T) {
		f := *recs[3].File
		f.File.UniqueID = ""
		_, err := importInto(t, newFixture(app.Limits{}), append(append([]backup.ArchiveRecord{}, recs[:3]...), backup.ArchiveRecord{File: &f}))
		assert.ErrorIs(t, err, domain.ErrInvalidFile)
	})
}

func TestArchiveLeavesOutLinksToAlbums(t *testing.T) {
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	in := photo("p1")
	in.MediaGroupID = "g1"
	res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: ann.ID, File: in})
	require.NoError(t, err)
	require.NotNil(t, res.File.AlbumID)
	_, err = f.app.Commands.Shares.CreateAlbumLink(context.Background(), ann.ID, *res.File.AlbumID, app.LinkOptions{})
	require.NoError(t, err)
	recs, n := export(t, f)
	assert.Zero(t, n.Shares, "the archive keeps no albums, so no link to one")
	_, err = importInto(t, newFixture(app.Limits{}), recs)
	require.NoError(t, err, "the archive imports whole")
}
