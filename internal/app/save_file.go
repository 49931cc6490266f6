package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// SaveFile keeps a file a user sent, recognising one they already keep. While the user is in an
// "upload into a category" flow, the file goes into that category.
type SaveFile struct {
	uow    UnitOfWork
	clock  Clock
	limits Limits
}

// NewSaveFile builds the SaveFile use case.
func NewSaveFile(uow UnitOfWork, clock Clock, limits Limits) SaveFile {
	return SaveFile{uow: uow, clock: clock, limits: limits}
}

// SaveFileInput is a file sent by a user.
type SaveFileInput struct {
	OwnerID int64
	File    domain.IncomingFile
}

// SaveFileResult tells what was kept and whether it was already there.
type SaveFileResult struct {
	File domain.File
	// Category is the category the new file went into, if any.
	Category *domain.Category
	// AlreadySaved is true when the owner already kept the same file (its file id was refreshed).
	AlreadySaved bool
	// Restored is true when the file was in the trash and sending it again brought it back.
	Restored bool
	// Tags are the #hashtags of the caption the file now carries as tags (new ones included).
	Tags []string
	// Album is set for a file sent in an album: the confirmation of the whole album replaces the
	// file's own.
	Album *AlbumArrival
}

// Handle validates and stores the file.
func (h SaveFile) Handle(ctx context.Context, in SaveFileInput) (SaveFileResult, error) {
	now := h.clock.Now()
	f, err := domain.NewFile(in.OwnerID, in.File, now)
	if err != nil {
		return SaveFileResult{}, fmt.Errorf("save file: %w", err)
	}
	if h.limits.MaxFileSize > 0 && f.Size > h.limits.MaxFileSize {
		return SaveFileResult{}, fmt.Errorf("save file of %d bytes: %w", f.Size,
			&domain.TooLargeError{Size: f.Size, Limit: h.limits.MaxFileSize})
	}
	return inTx(ctx, h.uow, fmt.Sprintf("save file %q", f.Name), func(ctx context.Context, r Repos) (SaveFileResult, error) {
		category, err := h.uploadCategory(ctx, r, in.OwnerID, now)
		if err != nil {
			return SaveFileResult{}, err
		}
		res, err := keep(ctx, r, h.limits, f, category, h.clock)
		if err != nil || in.File.MediaGroupID == "" {
			return res, err
		}
		res.Album, err = arriveInAlbum(ctx, r, h.limits.albumWindow(), &res, in.File.MediaGroupID, now)
		return res, err
	})
}

// keep stores f for its owner within the quotas, into category if not nil, recognising a file
// the owner already keeps (and bringing it back from the trash). Nothing is written when a
// quota refuses the file.
func keep(ctx context.Context, r Repos, limits Limits, f domain.File, category *domain.Category, clock Clock) (SaveFileResult, error) {
	if err := checkQuota(ctx, r, limits, f); err != nil {
		return SaveFileResult{}, err
	}
	if category != nil {
		f.CategoryID = &category.ID
	}
	stored, created, err := r.Files.Save(ctx, f)
	if err != nil {
		return SaveFileResult{}, err
	}
	if err := copyJob(ctx, r, limits, stored); err != nil {
		return SaveFileResult{}, err
	}
	res := SaveFileResult{File: stored, AlreadySaved: !created}
	if created {
		res.Category = category
	}
	// The caption's #hashtags become tags, for a file sent again with a new caption too.
	hashtags := domain.HashtagsIn(f.Caption)
	if err := addTags(ctx, r, stored, hashtags, clock, true); err != nil {
		return SaveFileResult{}, err
	}
	if created && len(hashtags) == 0 {
		res.Tags = []string{} // a new file without hashtags carries no tag: nothing to read
	} else if res.Tags, err = tagNamesOf(ctx, r, stored); err != nil {
		return SaveFileResult{}, err
	}
	if stored.Trashed() {
		res.File.DeletedAt, res.Restored = nil, true
		return res, r.Files.Update(ctx, res.File)
	}
	return res, nil
}

// checkQuota refuses a new file that would take its owner past a quota; a file the owner already
// keeps is never refused (sending it again stores nothing new).
func checkQuota(ctx context.Context, r Repos, limits Limits, f domain.File) error {
	if limits.QuotaFiles <= 0 && limits.QuotaBytes <= 0 {
		return nil
	}
	u, err := r.Files.Usage(ctx, f.OwnerID)
	if err != nil {
		return err
	}
	var refusal *domain.QuotaError
	switch {
	case limits.QuotaFiles > 0 && u.Files+1 > limits.QuotaFiles:
		refusal = &domain.QuotaError{Quota: domain.QuotaFiles, Limit: int64(limits.QuotaFiles), Used: int64(u.Files)}
	case limits.QuotaBytes > 0 && u.Bytes+f.Size > limits.QuotaBytes:
		refusal = &domain.QuotaError{Quota: domain.QuotaBytes, Limit: limits.QuotaBytes, Used: u.Bytes}
	default:
		return nil
	}
	_, err = r.Files.ByUniqueID(ctx, f.OwnerID, f.UniqueID)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, domain.ErrNotFound):
		return refusal
	}
	return err
}

// uploadCategory is the category of the user's upload flow, if one is under way (each file sent
// keeps the flow alive for another quiet period; a flow whose category is gone ends), else the
// user's default category, if any.
func (h SaveFile) uploadCategory(ctx context.Context, r Repos, owner int64, now time.Time) (*domain.Category, error) {
	conv, err := r.Conversations.Get(ctx, owner, now)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && conv.Step != domain.StepUpload) {
		return h.defaultCategory(ctx, r, owner)
	}
	if err != nil {
		return nil, err
	}
	conv.ExpiresAt = now.Add(h.limits.stepTTL(domain.StepUpload))
	if err := r.Conversations.Put(ctx, conv); err != nil {
		return nil, err
	}
	if conv.CategoryID == 0 {
		return nil, nil
	}
	c, err := ownedCategory(ctx, r, owner, conv.CategoryID)
	if errors.Is(err, domain.ErrNotFound) || errors.Is(err, domain.ErrForbidden) {
		return nil, r.Conversations.Clear(ctx, owner)
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// defaultCategory is the category the user's settings send uploads to, if any (and still theirs).
func (h SaveFile) defaultCategory(ctx context.Context, r Repos, owner int64) (*domain.Category, error) {
	u, err := r.Users.Get(ctx, owner)
	if err != nil || u.DefaultCategoryID == nil {
		return nil, err
	}
	c, err := ownedCategory(ctx, r, owner, *u.DefaultCategoryID)
	if gone := errors.Is(err, domain.ErrNotFound) || errors.Is(err, domain.ErrForbidden); gone {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// tagNamesOf is the names of the tags f carries.
func tagNamesOf(ctx context.Context, r Repos, f domain.File) ([]string, error) {
	tags, err := r.Tags.OfFile(ctx, f.OwnerID, f.ID)
	names := make([]string, len(tags))
	for i, t := range tags {
		names[i] = t.Name
	}
	return names, err
}
