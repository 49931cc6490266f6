package app

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Confirmation is what a file sent in an album does to the album's one confirmation message.
type Confirmation int

// The confirmations of an album's file.
const (
	// ConfirmNew: send a confirmation and record it (the group's first file, or one that came
	// after the grouping window).
	ConfirmNew Confirmation = iota
	// ConfirmEdit: edit the recorded confirmation (Album.ChatID, Album.MessageID) to show the file.
	ConfirmEdit
	// ConfirmPending: say nothing; the confirmation on its way is refreshed once it is recorded.
	ConfirmPending
)

// AlbumArrival is an album as a file of its group leaves it: what the confirmation shows.
type AlbumArrival struct {
	Album   domain.Album        // the group's album, this file counted
	Summary domain.AlbumSummary // its live files (Files 0 when they all belong to other albums)
	// OpenID is the album the confirmation opens: the group's, or the one its files were kept in
	// before when the whole group was sent already.
	OpenID  int64
	Confirm Confirmation
}

// arriveInAlbum counts the kept file res in its media group's album and tells what the album's
// confirmation does; a file kept before in another album stays there.
func arriveInAlbum(ctx context.Context, r Repos, window time.Duration, res *SaveFileResult, group string, now time.Time) (*AlbumArrival, error) {
	a, err := r.Albums.Arrive(ctx, res.File.OwnerID, group, !res.AlreadySaved, now)
	if err != nil {
		return nil, err
	}
	added, err := r.Albums.AddFile(ctx, res.File.OwnerID, a.ID, res.File.ID)
	if err != nil {
		return nil, err
	}
	if added {
		res.File.AlbumID = &a.ID
	}
	arrival, err := albumArrival(ctx, r, a, res.File.AlbumID)
	switch {
	case err != nil:
	case a.Received == 1 || !a.InWindow(window):
		arrival.Confirm = ConfirmNew
	case a.MessageID != 0:
		arrival.Confirm = ConfirmEdit
	default:
		arrival.Confirm = ConfirmPending
	}
	return arrival, err
}

func albumArrival(ctx context.Context, r Repos, a domain.Album, keptIn *int64) (*AlbumArrival, error) {
	sums, err := r.Albums.Summaries(ctx, a.OwnerID, []int64{a.ID}, false)
	if err != nil {
		return nil, err
	}
	arrival := &AlbumArrival{Album: a, Summary: sums[a.ID], OpenID: a.ID}
	if arrival.Summary.Files == 0 && keptIn != nil {
		arrival.OpenID = *keptIn
	}
	return arrival, nil
}

// ManageAlbums holds the use cases that change an album as a unit.
type ManageAlbums struct {
	uow   UnitOfWork
	clock Clock
}

// NewManageAlbums builds the album use cases.
func NewManageAlbums(uow UnitOfWork, clock Clock) ManageAlbums {
	return ManageAlbums{uow: uow, clock: clock}
}

// Confirmed records the message that confirms the album's group, sent when it had shown files;
// it returns the album as it is now and whether the message shows less (files came meanwhile, at
// another instance maybe), so the message is brought up to date.
func (h ManageAlbums) Confirmed(ctx context.Context, owner, albumID, chatID int64, messageID, shown int) (*AlbumArrival, bool, error) {
	type result struct {
		arrival *AlbumArrival
		stale   bool
	}
	res, err := inTx(ctx, h.uow, fmt.Sprintf("confirm album %d", albumID), func(ctx context.Context, r Repos) (result, error) {
		if err := r.Albums.SetConfirmation(ctx, owner, albumID, chatID, messageID); err != nil {
			return result{}, err
		}
		a, err := r.Albums.Get(ctx, owner, albumID)
		if err != nil {
			return result{}, err
		}
		arrival, err := albumArrival(ctx, r, a, nil)
		return result{arrival, a.Received > shown}, err
	})
	return res.arrival, res.stale, err
}

// AlbumDetails is an album with its files: the live ones, and those in the trash.
type AlbumDetails struct {
	Album   domain.Album
	Live    domain.AlbumSummary
	Files   []domain.File // live, oldest first
	Trashed []domain.File // in the trash, oldest first
}

// openAlbum loads the owner's album with its files; an album with none (all deleted for good, or
// kept in other albums) is domain.ErrNotFound.
func openAlbum(ctx context.Context, r Repos, owner, id int64) (AlbumDetails, error) {
	a, err := r.Albums.Get(ctx, owner, id)
	if err != nil {
		return AlbumDetails{}, err
	}
	files, err := r.Albums.Files(ctx, owner, id)
	if err != nil {
		return AlbumDetails{}, err
	}
	d := AlbumDetails{Album: a, Live: domain.AlbumSummary{ID: a.ID, Name: a.Name, CreatedAt: a.CreatedAt}}
	for _, f := range files {
		if f.Trashed() {
			d.Trashed = append(d.Trashed, f)
			continue
		}
		d.Files = append(d.Files, f)
		d.Live.Files++
		d.Live.Bytes += f.Size
		d.Live.Kinds = append(d.Live.Kinds, f.Kind)
		if d.Live.Caption == "" {
			d.Live.Caption = f.Caption
		}
	}
	if len(files) == 0 {
		return AlbumDetails{}, fmt.Errorf("album %d holds no file: %w", id, domain.ErrNotFound)
	}
	return d, nil
}

// change applies fn to each of the album's files (live ones, or with trashed those in the trash)
// and stores them, in one unit of work, and returns the album as it is then.
func (h ManageAlbums) change(ctx context.Context, owner, id int64, what string, trashed bool, fn func(ctx context.Context, r Repos, f *domain.File) error) (AlbumDetails, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("%s album %d", what, id), func(ctx context.Context, r Repos) (AlbumDetails, error) {
		d, err := openAlbum(ctx, r, owner, id)
		if err != nil {
			return AlbumDetails{}, err
		}
		files := d.Files
		if trashed {
			files = d.Trashed
		}
		if len(files) == 0 {
			return AlbumDetails{}, fmt.Errorf("album %d has no such file: %w", id, domain.ErrNotFound)
		}
		for _, f := range files {
			if err := fn(ctx, r, &f); err != nil {
				return AlbumDetails{}, err
			}
			if err := r.Files.Update(ctx, f); err != nil {
				return AlbumDetails{}, err
			}
		}
		return openAlbum(ctx, r, owner, id)
	})
}

// Rename names the owner's album: domain.ErrInvalidName for a bad name.
func (h ManageAlbums) Rename(ctx context.Context, owner, id int64, name string) (AlbumDetails, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("rename album %d", id), func(ctx context.Context, r Repos) (AlbumDetails, error) {
		a, err := r.Albums.Get(ctx, owner, id)
		if err != nil {
			return AlbumDetails{}, err
		}
		if err := a.Rename(name); err != nil {
			return AlbumDetails{}, err
		}
		if err := r.Albums.Rename(ctx, owner, id, a.Name); err != nil {
			return AlbumDetails{}, err
		}
		return openAlbum(ctx, r, owner, id)
	})
}

// RenameAlbumOf names the album of the owner's file fileID (a rename flow remembers a file of
// the album): domain.ErrNotFound if the file is in none.
func (h ManageAlbums) RenameAlbumOf(ctx context.Context, owner, fileID int64, name string) (AlbumDetails, error) {
	f, err := inTx(ctx, h.uow, fmt.Sprintf("album of file %d", fileID), func(ctx context.Context, r Repos) (domain.File, error) {
		return liveFile(ctx, r, owner, fileID)
	})
	if err != nil {
		return AlbumDetails{}, err
	}
	if f.AlbumID == nil {
		return AlbumDetails{}, fmt.Errorf("file %d is in no album: %w", fileID, domain.ErrNotFound)
	}
	return h.Rename(ctx, owner, *f.AlbumID, name)
}

// Move puts the album's live files into one of the owner's categories (none for 0).
func (h ManageAlbums) Move(ctx context.Context, owner, id, categoryID int64) (AlbumDetails, error) {
	var to *int64
	return h.change(ctx, owner, id, "move", false, func(ctx context.Context, r Repos, f *domain.File) error {
		if categoryID != 0 && to == nil {
			if _, err := ownedCategory(ctx, r, owner, categoryID); err != nil {
				return err
			}
			to = &categoryID
		}
		f.CategoryID = to
		return nil
	})
}

// Trash deletes the album's live files to the trash, revoking their links; Restore brings them
// back.
func (h ManageAlbums) Trash(ctx context.Context, owner, id int64) (AlbumDetails, error) {
	now := h.clock.Now()
	return h.change(ctx, owner, id, "trash", false, func(ctx context.Context, r Repos, f *domain.File) error {
		f.DeletedAt = &now
		_, err := r.Shares.RevokeForFile(ctx, f.ID, now)
		return err
	})
}

// Restore takes the album's files out of the trash.
func (h ManageAlbums) Restore(ctx context.Context, owner, id int64) (AlbumDetails, error) {
	return h.change(ctx, owner, id, "restore", true, func(_ context.Context, _ Repos, f *domain.File) error {
		f.DeletedAt = nil
		return nil
	})
}

// OpenAlbums reads albums.
type OpenAlbums struct {
	uow UnitOfWork
}

// NewOpenAlbums builds the album queries.
func NewOpenAlbums(uow UnitOfWork) OpenAlbums { return OpenAlbums{uow: uow} }

// Open returns the owner's album with its files.
func (h OpenAlbums) Open(ctx context.Context, owner, id int64) (AlbumDetails, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("open album %d", id), func(ctx context.Context, r Repos) (AlbumDetails, error) {
		return openAlbum(ctx, r, owner, id)
	})
}

// OnPage returns the albums the files of a page of a list stand for (live ones, or the trash's),
// by id: a list shows an album as one of its files.
func (h OpenAlbums) OnPage(ctx context.Context, owner int64, files []domain.File, trashed bool) (map[int64]domain.AlbumSummary, error) {
	var ids []int64
	for _, f := range files {
		if f.AlbumID != nil {
			ids = append(ids, *f.AlbumID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return inTx(ctx, h.uow, "the albums of a page", func(ctx context.Context, r Repos) (map[int64]domain.AlbumSummary, error) {
		return r.Albums.Summaries(ctx, owner, ids, trashed)
	})
}
