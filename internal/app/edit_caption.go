package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// CaptionEdit is the file whose caption an edit in Telegram changed, as stored now; Changed is
// false when the edit left the caption as it was (an edit of something else).
type CaptionEdit struct {
	File    domain.File
	Changed bool
}

// EditCaption stores the caption the owner gave, by editing the message in Telegram, to the file
// it carries (known by its Telegram file_unique_id, live or in the trash): the newest caption is
// the one shown and searched. domain.ErrNotFound when the owner keeps no such file.
func (h ManageFiles) EditCaption(ctx context.Context, owner int64, uniqueID, caption string) (CaptionEdit, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("edit the caption of file %q of user %d", uniqueID, owner), func(ctx context.Context, r Repos) (CaptionEdit, error) {
		f, err := r.Files.ByUniqueID(ctx, owner, uniqueID)
		if err != nil {
			return CaptionEdit{}, err
		}
		caption = domain.CleanCaption(caption)
		if caption == f.Caption {
			return CaptionEdit{File: f}, nil
		}
		if err := r.Files.SetCaption(ctx, owner, f.ID, caption); err != nil {
			return CaptionEdit{}, err
		}
		f.Caption = caption
		// The new caption's #hashtags become tags too; the tags the file carries stay.
		if err := addTags(ctx, r, f, domain.HashtagsIn(caption), h.clock, true); err != nil {
			return CaptionEdit{}, err
		}
		return CaptionEdit{File: f, Changed: true}, nil
	})
}
