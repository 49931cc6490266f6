// Package backup is the operators' archive of the whole database: its export as records (users
// with their settings, categories, files, links, then the bans) and their import into another
// database, the portable backup and the move between hosts behind `filekeeper export` and
// `filekeeper import`. It is no part of the user's conversation, and builds on app's ports.
package backup

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ArchiveRecord is one entry of an archive of the whole database: a user with their settings, or
// one of their categories, files or links, or a ban — exactly one field is set. What records point at is
// named by what survives a move to another database: an owner by their Telegram id, a category
// by its name, a file by Telegram's file_unique_id. A user's record comes before theirs.
type ArchiveRecord struct {
	User     *ArchivedUser
	Category *ArchivedCategory
	File     *ArchivedFile
	Share    *ArchivedShare
	Ban      *domain.Ban // after every user: a banned user may be one the bot never met
}

// ArchivedUser is a user with their settings; DefaultCategory names their default category.
type ArchivedUser struct {
	User            domain.User
	DefaultCategory string
}

// ArchivedCategory is one of Owner's categories.
type ArchivedCategory struct {
	Owner     int64 // the owner's Telegram id
	Name      string
	CreatedAt time.Time
}

// ArchivedFile is one of Owner's files, live or in the trash, in Category ("" for none),
// carrying the tags named Tags.
type ArchivedFile struct {
	Owner    int64
	File     domain.File
	Category string
	Tags     []string
}

// ArchivedShare is one of Owner's active links, to the file with the unique id File or to the
// category named Category, with its limits and how many people it admitted (their grants are
// not archived: the count keeps a link from admitting more people than it may).
type ArchivedShare struct {
	Owner     int64
	Token     string
	File      string
	Category  string
	CreatedAt time.Time
	Uses      int
	Limits    domain.ShareLimits
	Viewers   int
}

// ArchiveCounts says how many records of each kind an export wrote or an import read.
type ArchiveCounts struct {
	Users, Categories, Files, Shares, Bans int
}

// ErrBadArchive refuses an archive whose records do not fit together (a file before its owner, a
// link to a file the archive does not hold).
var ErrBadArchive = errors.New("bad archive")

// archivePage is how many users, files or links one read of an export takes.
const archivePage = 500

// Archive exports the whole database as records and imports them into another one — the portable
// backup and the move between hosts; pg_dump remains the primary backup.
type Archive struct {
	uow app.UnitOfWork
}

// NewArchive returns the archive use cases over uow.
func NewArchive(uow app.UnitOfWork) Archive { return Archive{uow: uow} }

// Export gives emit every user with their categories, files (the trash included) and active
// links, user by user, then the bans, and counts them. Each user is read in one unit of work.
func (a Archive) Export(ctx context.Context, emit func(ArchiveRecord) error) (ArchiveCounts, error) {
	var n ArchiveCounts
	for after := int64(0); ; {
		users, err := app.InTx(ctx, a.uow, "export users", func(ctx context.Context, r app.Repos) ([]domain.User, error) {
			return r.Users.ListAfter(ctx, after, archivePage)
		})
		if err != nil {
			return n, err
		}
		if len(users) == 0 {
			return n, a.exportBans(ctx, emit, &n)
		}
		for _, u := range users {
			err := app.DoTx(ctx, a.uow, fmt.Sprintf("export user %d", u.TelegramID), func(ctx context.Context, r app.Repos) error {
				return exportUser(ctx, r, u, emit, &n)
			})
			if err != nil {
				return n, err
			}
			after = u.ID
		}
	}
}

// exportBans emits every ban, a page to a unit of work.
func (a Archive) exportBans(ctx context.Context, emit func(ArchiveRecord) error, n *ArchiveCounts) error {
	for after := int64(0); ; {
		bans, err := app.InTx(ctx, a.uow, "export bans", func(ctx context.Context, r app.Repos) ([]domain.Ban, error) {
			return r.Bans.ListAfter(ctx, after, archivePage)
		})
		if err != nil || len(bans) == 0 {
			return err
		}
		for _, b := range bans {
			if err := emit(ArchiveRecord{Ban: &b}); err != nil {
				return err
			}
			n.Bans++
			after = b.TelegramID
		}
	}
}

func exportUser(ctx context.Context, r app.Repos, u domain.User, emit func(ArchiveRecord) error, n *ArchiveCounts) error {
	cats, err := r.Categories.List(ctx, u.ID)
	if err != nil {
		return err
	}
	names := make(map[int64]string, len(cats))
	for _, c := range cats {
		names[c.ID] = c.Name
	}
	rec := ArchivedUser{User: u}
	if u.DefaultCategoryID != nil {
		rec.DefaultCategory = names[*u.DefaultCategoryID]
	}
	if err := emit(ArchiveRecord{User: &rec}); err != nil {
		return err
	}
	n.Users++
	for _, c := range cats {
		if err := emit(ArchiveRecord{Category: &ArchivedCategory{Owner: u.TelegramID, Name: c.Name, CreatedAt: c.CreatedAt}}); err != nil {
			return err
		}
		n.Categories++
	}
	uniqueIDs, err := exportFiles(ctx, r, u, names, emit, n)
	if err != nil {
		return err
	}
	return exportShares(ctx, r, u, names, uniqueIDs, emit, n)
}

// exportFiles emits the user's live files, then their trash, each oldest first so that an import
// gives them ids in the same order (lists show the newest first), and returns their unique ids.
func exportFiles(ctx context.Context, r app.Repos, u domain.User, cats map[int64]string, emit func(ArchiveRecord) error, n *ArchiveCounts) (map[int64]string, error) {
	uniqueIDs := map[int64]string{}
	for _, trashed := range []bool{false, true} {
		var files []domain.File
		for after := int64(0); ; {
			page, err := r.Files.List(ctx, app.FileQuery{OwnerID: u.ID, Trashed: trashed, AfterID: after, Limit: archivePage})
			if err != nil {
				return nil, err
			}
			if len(page) == 0 {
				break
			}
			files = append(files, page...)
			after = page[len(page)-1].ID
		}
		slices.Reverse(files)
		tags, err := tagsOfFiles(ctx, r, u.ID, files)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			rec := ArchivedFile{Owner: u.TelegramID, File: f, Tags: tags[f.ID]}
			if f.CategoryID != nil {
				rec.Category = cats[*f.CategoryID]
			}
			if err := emit(ArchiveRecord{File: &rec}); err != nil {
				return nil, err
			}
			n.Files++
			uniqueIDs[f.ID] = f.UniqueID
		}
	}
	return uniqueIDs, nil
}

// tagsOfFiles reads the tag names of files, a page at a time.
func tagsOfFiles(ctx context.Context, r app.Repos, owner int64, files []domain.File) (map[int64][]string, error) {
	tags := map[int64][]string{}
	for page := range slices.Chunk(files, archivePage) {
		ids := make([]int64, len(page))
		for i, f := range page {
			ids[i] = f.ID
		}
		names, err := r.Tags.NamesOfFiles(ctx, owner, ids)
		if err != nil {
			return nil, err
		}
		for id, n := range names {
			tags[id] = n
		}
	}
	return tags, nil
}

func exportShares(ctx context.Context, r app.Repos, u domain.User, cats, files map[int64]string, emit func(ArchiveRecord) error, n *ArchiveCounts) error {
	var shares []domain.ShareSummary
	for after := int64(0); ; {
		page, err := r.Shares.ListActivePage(ctx, app.ShareQuery{OwnerID: u.ID, AfterID: after, Limit: archivePage})
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		shares = append(shares, page...)
		after = page[len(page)-1].ID
	}
	slices.Reverse(shares) // oldest first, as the files
	for _, s := range shares {
		if s.AlbumID != 0 {
			continue // the archive keeps no albums: a link to one would lead nowhere once imported
		}
		rec := ArchivedShare{Owner: u.TelegramID, Token: s.Token, File: files[s.FileID], Category: cats[s.CategoryID],
			CreatedAt: s.CreatedAt, Uses: s.Uses, Limits: s.Limits, Viewers: s.Viewers}
		if err := emit(ArchiveRecord{Share: &rec}); err != nil {
			return err
		}
		n.Shares++
	}
	return nil
}
