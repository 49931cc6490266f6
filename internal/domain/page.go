package domain

// Cursor marks a position in a list ordered newest first (by descending id). The zero Cursor is
// the first page. It is opaque outside the use cases and the callback codec.
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
}
