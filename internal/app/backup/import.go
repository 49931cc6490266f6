package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// importBatch is how many records one import transaction takes.
const importBatch = 500

// Import stores the records next returns (io.EOF ends them) into this database, which may be
// empty or already in use: users are matched by Telegram id, categories by name (ignoring case),
// files by file_unique_id and links by token, so importing an archive twice changes nothing the
// second time (and a ban already here stands). An archived file's name, category and trash state win over the stored ones; a
// link whose token another owner holds is left out. Records are stored importBatch to a unit of
// work; a failure stops the import, and what the earlier batches stored stays (an import run
// again goes on from there). Quotas and limits are the users' own rules and do not apply here.
func (a Archive) Import(ctx context.Context, next func() (ArchiveRecord, error)) (ArchiveCounts, error) {
	im := importer{owners: map[int64]*importedOwner{}}
	for done := false; !done; {
		batch := make([]ArchiveRecord, 0, importBatch)
		for len(batch) < importBatch {
			rec, err := next()
			if errors.Is(err, io.EOF) {
				done = true
				break
			}
			if err != nil {
				return im.n, fmt.Errorf("import: %w", err)
			}
			batch = append(batch, rec)
		}
		before := im.n
		err := app.DoTx(ctx, a.uow, "import", func(ctx context.Context, r app.Repos) error {
			for _, rec := range batch {
				if err := im.store(ctx, r, rec); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return before, err
		}
	}
	return im.n, nil
}

// importer remembers, per owner, the ids this database gave to what the archive names.
type importer struct {
	owners map[int64]*importedOwner // by Telegram id
	n      ArchiveCounts
}

type importedOwner struct {
	user       domain.User
	settings   domain.Settings
	defaultCat string
	categories map[string]int64 // by lower-case name
	files      map[string]int64 // by unique id
}

func (im *importer) store(ctx context.Context, r app.Repos, rec ArchiveRecord) error {
	switch {
	case rec.User != nil:
		return im.storeUser(ctx, r, *rec.User)
	case rec.Category != nil:
		return im.storeCategory(ctx, r, *rec.Category)
	case rec.File != nil:
		return im.storeFile(ctx, r, *rec.File)
	case rec.Share != nil:
		return im.storeShare(ctx, r, *rec.Share)
	case rec.Ban != nil:
		if _, err := r.Bans.Add(ctx, *rec.Ban); err != nil { // a ban already here stands
			return err
		}
		im.n.Bans++
		return nil
	}
	return fmt.Errorf("an empty record: %w", ErrBadArchive)
}

func (im *importer) owner(telegramID int64) (*importedOwner, error) {
	o, ok := im.owners[telegramID]
	if !ok {
		return nil, fmt.Errorf("a record of user %d before the user's own: %w", telegramID, ErrBadArchive)
	}
	return o, nil
}

func (im *importer) storeUser(ctx context.Context, r app.Repos, rec ArchivedUser) error {
	u := rec.User
	if u.TelegramID == 0 {
		return fmt.Errorf("a user without a telegram id: %w", ErrBadArchive)
	}
	u.ID, u.DefaultCategoryID = 0, nil
	stored, err := r.Users.Upsert(ctx, u)
	if err != nil {
		return err
	}
	if u.Sort != "" && !u.Sort.Valid() {
		return fmt.Errorf("user %d sorts by %q: %w", u.TelegramID, u.Sort, ErrBadArchive)
	}
	set := domain.Settings{PageSize: u.PageSize, Language: u.Language, Sort: u.Sort}
	if set.PageSize == 0 {
		set.PageSize = stored.PageSize
	}
	if err := r.Users.UpdateSettings(ctx, stored.ID, set); err != nil {
		return err
	}
	if u.BlockedBot {
		if err := r.Users.SetBlocked(ctx, u.TelegramID); err != nil {
			return err
		}
	}
	o := &importedOwner{user: stored, settings: set, defaultCat: strings.ToLower(rec.DefaultCategory),
		categories: map[string]int64{}, files: map[string]int64{}}
	cats, err := r.Categories.List(ctx, stored.ID)
	if err != nil {
		return err
	}
	for _, c := range cats {
		o.categories[strings.ToLower(c.Name)] = c.ID
	}
	im.owners[u.TelegramID] = o
	im.n.Users++
	return o.applyDefault(ctx, r)
}

// applyDefault sets the owner's default category once the archive's has been stored.
func (o *importedOwner) applyDefault(ctx context.Context, r app.Repos) error {
	id, ok := o.categories[o.defaultCat]
	if o.defaultCat == "" || !ok {
		return nil
	}
	o.settings.DefaultCategoryID = &id
	o.defaultCat = ""
	return r.Users.UpdateSettings(ctx, o.user.ID, o.settings)
}

func (im *importer) storeCategory(ctx context.Context, r app.Repos, rec ArchivedCategory) error {
	o, err := im.owner(rec.Owner)
	if err != nil {
		return err
	}
	c, err := domain.NewCategory(o.user.ID, rec.Name, rec.CreatedAt)
	if err != nil {
		return fmt.Errorf("category %q of user %d: %w", rec.Name, rec.Owner, err)
	}
	key := strings.ToLower(c.Name)
	if _, ok := o.categories[key]; !ok {
		stored, err := r.Categories.Create(ctx, c)
		if err != nil {
			return err
		}
		o.categories[key] = stored.ID
	}
	im.n.Categories++
	return o.applyDefault(ctx, r)
}

func (im *importer) storeFile(ctx context.Context, r app.Repos, rec ArchivedFile) error {
	o, err := im.owner(rec.Owner)
	if err != nil {
		return err
	}
	f, err := domain.RestoreFile(o.user.ID, rec.File)
	if err != nil {
		return fmt.Errorf("file %q of user %d: %w", rec.File.Name, rec.Owner, err)
	}
	if rec.Category != "" {
		id, ok := o.categories[strings.ToLower(rec.Category)]
		if !ok {
			return fmt.Errorf("file %q in category %q that the archive does not hold: %w", f.Name, rec.Category, ErrBadArchive)
		}
		f.CategoryID = &id
	}
	stored, created, err := r.Files.Save(ctx, f)
	if err != nil {
		return err
	}
	if !created {
		stored.Name, stored.CategoryID, stored.DeletedAt = f.Name, f.CategoryID, f.DeletedAt
		if err := r.Files.Update(ctx, stored); err != nil {
			return err
		}
	}
	if f.Copy.Exists() && !stored.Copy.Exists() {
		// The copy in the storage chat moves along: it is what a later bot takes the file from.
		if _, err := r.Storage.SetCopy(ctx, stored.ID, f.Copy); err != nil {
			return err
		}
	}
	if err := importTags(ctx, r, stored, rec.Tags); err != nil {
		return err
	}
	o.files[f.UniqueID] = stored.ID
	im.n.Files++
	return nil
}

// importTags puts the archive's tags on a file it stored; a tag the bot would not make, or more
// than a file carries, makes the archive bad.
func importTags(ctx context.Context, r app.Repos, f domain.File, tags []string) error {
	if len(tags) > domain.MaxTagsPerFile {
		return fmt.Errorf("file %q carries %d tags: %w", f.Name, len(tags), ErrBadArchive)
	}
	names := make([]string, len(tags))
	for i, t := range tags {
		name, err := domain.NormalizeTag(t)
		if err != nil {
			return fmt.Errorf("file %q: %w: %w", f.Name, ErrBadArchive, err)
		}
		names[i] = name
	}
	if len(names) == 0 {
		return nil
	}
	return r.Tags.Add(ctx, f.OwnerID, f.ID, names, f.CreatedAt)
}

func (im *importer) storeShare(ctx context.Context, r app.Repos, rec ArchivedShare) error {
	o, err := im.owner(rec.Owner)
	if err != nil {
		return err
	}
	fileID, catID := o.files[rec.File], o.categories[strings.ToLower(rec.Category)]
	if (rec.File != "" && fileID == 0) || (rec.Category != "" && catID == 0) {
		return fmt.Errorf("link %s… to what the archive does not hold: %w", prefix(rec.Token), ErrBadArchive)
	}
	if !domain.ValidToken(rec.Token) {
		return fmt.Errorf("link of user %d: %w", rec.Owner, domain.ErrInvalidToken)
	}
	s, err := domain.NewShare(o.user.ID, rec.Token, fileID, catID, rec.CreatedAt)
	if err != nil {
		return fmt.Errorf("link %s…: %w", prefix(rec.Token), err)
	}
	s.Uses, s.Viewers = rec.Uses, rec.Viewers
	if s.Limits, err = domain.NewShareLimits(rec.CreatedAt, 0, rec.Limits.MaxViewers, rec.Limits.Protect); err != nil {
		return fmt.Errorf("link %s…: %w", prefix(rec.Token), err)
	}
	s.Limits.ExpiresAt = rec.Limits.ExpiresAt
	if _, err := r.Shares.Create(ctx, s); err != nil && !errors.Is(err, domain.ErrDuplicate) {
		return err
	}
	im.n.Shares++
	return nil
}

// prefix is the start of a token, enough to tell links apart in an error without giving one away.
func prefix(token string) string {
	return token[:min(6, len(token))]
}
