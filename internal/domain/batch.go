package domain

import (
	"slices"
	"time"
)

// BatchAction is what a batch did to the files of a selection.
type BatchAction string

// The batch actions.
const (
	BatchMove    BatchAction = "move"    // put the live files in a category (or in none)
	BatchTrash   BatchAction = "trash"   // delete the live files to the trash
	BatchRestore BatchAction = "restore" // take the files out of the trash
	BatchTag     BatchAction = "tag"     // put tags on the live files, or take tags off them
)

// Valid reports whether a is one of the batch actions.
func (a BatchAction) Valid() bool {
	return a == BatchMove || a == BatchTrash || a == BatchRestore || a == BatchTag
}

// BatchItem is one file of a batch, as it was before the batch changed it.
type BatchItem struct {
	FileID     int64
	CategoryID *int64
	DeletedAt  *time.Time
	// Of a BatchTag: the tags the batch put on the file (it did not carry them) and those it took
	// off (it carried them), so an undo takes off and puts back exactly those.
	TagsAdded, TagsRemoved []string
}

// Batch is one action on many files at once, with what each file was before it, so one undo puts
// every file back: each in its own previous category, or back out of the trash.
type Batch struct {
	ID      int64
	OwnerID int64
	Action  BatchAction
	// CategoryID is where a BatchMove put the files (nil: in no category).
	CategoryID *int64
	// At is when the batch ran: the DeletedAt of the files a BatchTrash deleted.
	At       time.Time
	Items    []BatchItem
	UndoneAt *time.Time
}

// NewBatch starts a batch of owner doing action at at (to category, for a BatchMove). At is cut
// to the microsecond, as storage keeps it, so a file it trashed is recognised by its DeletedAt.
func NewBatch(owner int64, action BatchAction, category *int64, at time.Time) Batch {
	return Batch{OwnerID: owner, Action: action, CategoryID: category, At: at.Truncate(time.Microsecond)}
}

// Applies reports whether the batch's action changes f: a move or a trash acts on live files, a
// restore on trashed ones; a move to where the file already is changes nothing.
func (b Batch) Applies(f File) bool {
	switch b.Action {
	case BatchMove:
		return !f.Trashed() && !sameCategory(f.CategoryID, b.CategoryID)
	case BatchTrash, BatchTag:
		return !f.Trashed()
	case BatchRestore:
		return f.Trashed()
	}
	return false
}

// TagChange is what edit changes of a file that carries have: the tags to put on (those it does
// not carry) and to take off (those it does), each once, in edit's order; a name edit both puts
// on and takes off is left as it is. A file would carry more than MaxTagsPerFile: ErrTooManyTags.
func TagChange(have []string, edit TagEdit) (add, remove []string, err error) {
	for _, n := range edit.Add {
		if !slices.Contains(have, n) && !slices.Contains(edit.Remove, n) && !slices.Contains(add, n) {
			add = append(add, n)
		}
	}
	for _, n := range edit.Remove {
		if slices.Contains(have, n) && !slices.Contains(edit.Add, n) && !slices.Contains(remove, n) {
			remove = append(remove, n)
		}
	}
	if len(have)+len(add)-len(remove) > MaxTagsPerFile {
		return nil, nil, ErrTooManyTags
	}
	return add, remove, nil
}

// Apply records f as it is in the batch and changes it as the batch's action says; the caller
// checked Applies.
func (b *Batch) Apply(f *File) {
	b.Items = append(b.Items, BatchItem{FileID: f.ID, CategoryID: f.CategoryID, DeletedAt: f.DeletedAt})
	switch b.Action {
	case BatchMove:
		f.CategoryID = b.CategoryID
	case BatchTrash:
		at := b.At
		f.DeletedAt = &at
	case BatchRestore:
		f.DeletedAt = nil
	}
}

// Unchanged reports whether f is still as the batch left it, so undoing it loses nothing done since.
func (b Batch) Unchanged(f File) bool {
	switch b.Action {
	case BatchMove:
		return !f.Trashed() && sameCategory(f.CategoryID, b.CategoryID)
	case BatchTrash:
		return f.DeletedAt != nil && f.DeletedAt.Equal(b.At)
	case BatchRestore, BatchTag:
		return !f.Trashed()
	}
	return false
}

// Revert puts f back as item says it was before the batch.
func (b Batch) Revert(f *File, item BatchItem) {
	switch b.Action {
	case BatchMove:
		f.CategoryID = item.CategoryID
	case BatchTrash, BatchRestore:
		f.DeletedAt = item.DeletedAt
	}
}

// Undone reports whether the batch was undone.
func (b Batch) Undone() bool { return b.UndoneAt != nil }

func sameCategory(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
