package domain

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Select-many bounds: a selection holds at most MaxSelection files and is forgotten SelectionTTL
// after its last change; a user keeps their MaxBatchesKept latest batches, to undo them.
const (
	MaxSelection   = 100
	SelectionTTL   = time.Hour
	MaxBatchesKept = 20
)

// Errors of select-many.
var (
	// ErrSelectionExpired means the user's selection is gone: it expired, or was never made.
	ErrSelectionExpired = errors.New("selection expired")
	// ErrNothingSelected means an action was asked of an empty selection.
	ErrNothingSelected = errors.New("nothing selected")
	// ErrBatchUndone means the batch was undone already.
	ErrBatchUndone = errors.New("batch undone already")
)

// SelectionFullError refuses a file past MaxSelection; it matches ErrQuotaExceeded.
type SelectionFullError struct{ Max int }

func (e *SelectionFullError) Error() string {
	return fmt.Sprintf("a selection holds at most %d files", e.Max)
}

// Is makes errors.Is(err, ErrQuotaExceeded) true for every SelectionFullError.
func (e *SelectionFullError) Is(target error) bool { return target == ErrQuotaExceeded }

// Selection is the files a user picked on one list, to act on them together. One per user; it is
// kept in storage (a restart loses nothing) and expires SelectionTTL after its last change.
type Selection struct {
	OwnerID   int64
	Filter    FileFilter // the list it was made on
	FileIDs   []int64    // in the order they were picked
	ExpiresAt time.Time
}

// NewSelection starts an empty selection of owner on the list filter selects, at now.
func NewSelection(owner int64, filter FileFilter, now time.Time) Selection {
	return Selection{OwnerID: owner, Filter: filter, ExpiresAt: now.Add(SelectionTTL)}
}

// Expired reports whether the selection is over at now.
func (s Selection) Expired(now time.Time) bool { return !now.Before(s.ExpiresAt) }

// Has reports whether the file is selected.
func (s Selection) Has(id int64) bool { return slices.Contains(s.FileIDs, id) }

// Toggle selects the file, or unselects it if it is selected; a file past MaxSelection is refused
// with a *SelectionFullError. Any change keeps the selection another SelectionTTL from now.
func (s *Selection) Toggle(id int64, now time.Time) error {
	if i := slices.Index(s.FileIDs, id); i >= 0 {
		s.FileIDs = slices.Delete(slices.Clone(s.FileIDs), i, i+1)
	} else {
		if len(s.FileIDs) >= MaxSelection {
			return &SelectionFullError{Max: MaxSelection}
		}
		s.FileIDs = append(slices.Clone(s.FileIDs), id)
	}
	s.ExpiresAt = now.Add(SelectionTTL)
	return nil
}

// TogglePage selects every file of a page, or, when all of them are selected, unselects them. A
// page that would take the selection past MaxSelection is refused whole (*SelectionFullError).
func (s *Selection) TogglePage(ids []int64, now time.Time) error {
	var missing []int64
	for _, id := range ids {
		if !s.Has(id) && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	switch {
	case len(missing) == 0:
		s.FileIDs = slices.DeleteFunc(slices.Clone(s.FileIDs), func(id int64) bool { return slices.Contains(ids, id) })
	case len(s.FileIDs)+len(missing) > MaxSelection:
		return &SelectionFullError{Max: MaxSelection}
	default:
		s.FileIDs = append(slices.Clone(s.FileIDs), missing...)
	}
	s.ExpiresAt = now.Add(SelectionTTL)
	return nil
}

// AllOf reports whether every one of ids is selected (and there is one).
func (s Selection) AllOf(ids []int64) bool {
	for _, id := range ids {
		if !s.Has(id) {
			return false
		}
	}
	return len(ids) > 0
}
