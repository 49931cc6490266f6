package domain

import "strings"

// Cursor marks a position in a list, in the list's order: the page starts after (or ends
// before) the item with that id, wherever the order puts it. The zero Cursor is the first page.
// It is opaque outside the use cases and the callback codec.
type Cursor struct {
	// ID is the id the page starts after (forward) or ends before (backward).
	ID int64
	// Backward asks for the page before ID instead of after it.
	Backward bool
	// Number is the number (from 1) of the page the cursor opens, as the page that made it knew
	// it; 0 where it is not known (the list then counts to find it).
	Number int
}

// IsFirst reports whether c asks for the first page.
func (c Cursor) IsFirst() bool { return c.ID == 0 }

// Page is one page of a keyset-paginated list.
type Page[T any] struct {
	Items []T
	// Prev and Next are the cursors of the neighbouring pages, nil where there is none.
	Prev *Cursor
	Next *Cursor
	// Total is how many items the whole list holds, and Number (from 1) and Pages say where the
	// page is in it; all zero where the list was not counted. A search is not counted: its Total
	// and Pages are zero, and Number says which page it is where that is known.
	Total, Number, Pages int
}

// FileFilter selects which of a user's files a list shows. The zero FileFilter is every live file.
type FileFilter struct {
	Kind Kind // "" means every kind
	// CategoryID > 0 keeps only the files of that category.
	CategoryID int64
	// Uncategorised keeps only the files in no category.
	Uncategorised bool
	// Trashed lists the trash (deleted files awaiting purge) instead of the live files.
	Trashed bool
	// SearchID > 0 lists the live files matching that saved search.
	SearchID int64
	// TagID > 0 keeps only the live files that carry that tag.
	TagID int64
	// AlbumID > 0 is an album: the way back to it from a card of one of its files.
	AlbumID int64
}

// SortOrder is the order a list shows files in.
type SortOrder string

// The orders of the lists.
const (
	SortNewest SortOrder = "newest" // the newest first (the highest id)
	SortOldest SortOrder = "oldest" // the oldest first
	SortName   SortOrder = "name"   // by name, A to Z ignoring case, then the oldest first
	SortSize   SortOrder = "size"   // the largest first, then the newest
)

// SortOrders are the orders, in the order the settings offer them.
var SortOrders = []SortOrder{SortNewest, SortOldest, SortName, SortSize}

// Valid reports whether o is one of SortOrders.
func (o SortOrder) Valid() bool {
	for _, s := range SortOrders {
		if o == s {
			return true
		}
	}
	return false
}

// Stored is o as storage keeps it in a User: SortNewest, the default, is "".
func (o SortOrder) Stored() SortOrder {
	if o == SortNewest {
		return ""
	}
	return o
}

// Or is o, or def where o is "".
func (o SortOrder) Or(def SortOrder) SortOrder {
	if o == "" {
		return def
	}
	return o
}

// Before reports whether a comes before b in the order o (ties broken by id as the order does).
func (o SortOrder) Before(a, b File) bool {
	switch o {
	case SortOldest:
		return a.ID < b.ID
	case SortName:
		an, bn := strings.ToLower(a.Name), strings.ToLower(b.Name)
		if an != bn {
			return an < bn
		}
		return a.ID < b.ID
	case SortSize:
		if a.Size != b.Size {
			return a.Size > b.Size
		}
		return a.ID > b.ID
	}
	return a.ID > b.ID
}
