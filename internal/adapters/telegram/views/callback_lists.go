package views

import (
	"strings"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// The arguments of the callback codec that name a list and a place in it: a list source, a
// cursor with its page number, an order.

// formatCursor writes a cursor as "n<id>" (the page after id) or "p<id>" (the page before it),
// followed by ".<number>" when the number of the page it opens is known.
func formatCursor(c domain.Cursor) string {
	s := "n" + formatID(c.ID)
	if c.Backward {
		s = "p" + formatID(c.ID)
	}
	if c.Number > 0 {
		s += "." + formatID(int64(c.Number))
	}
	return s
}

// sortCodes are the orders as a button carries them.
var sortCodes = map[domain.SortOrder]string{domain.SortNewest: "n", domain.SortOldest: "o", domain.SortName: "a", domain.SortSize: "s"}

func takeSort(args []string) (domain.SortOrder, []string, error) {
	if len(args) == 0 {
		return "", nil, errBadCallback
	}
	for o, code := range sortCodes {
		if args[0] == code {
			return o, args[1:], nil
		}
	}
	return "", nil, errBadCallback
}

// listSource is one way into a file list as a button names it: a fixed code ("a" all files, a
// kind's letter, "u" uncategorised, "t" the trash), or a code followed by an id ("c<id>" a
// category, "s<id>" a saved search, "h<id>" a tag), which a kind's letter after a dot narrows
// ("c1f.p": the photos of category 1f).
type listSource struct {
	code   string
	filter domain.FileFilter
	// id, when set, is the filter's field the code's id fills.
	id func(*domain.FileFilter) *int64
}

// listSources is every list source. Codes must be unique and none a prefix of another (checked by
// CheckCallbackCodes), so a source decodes one way only: "s" for audio next to "s<id>" for a
// search made every Audio button unreadable.
var listSources = []listSource{
	{code: "a"},
	{code: "d", filter: domain.FileFilter{Kind: domain.KindDocument}},
	{code: "p", filter: domain.FileFilter{Kind: domain.KindPhoto}},
	{code: "v", filter: domain.FileFilter{Kind: domain.KindVideo}},
	{code: "m", filter: domain.FileFilter{Kind: domain.KindAudio}},
	{code: "o", filter: domain.FileFilter{Kind: domain.KindVoice}},
	{code: "g", filter: domain.FileFilter{Kind: domain.KindAnimation}},
	{code: "n", filter: domain.FileFilter{Kind: domain.KindVideoNote}},
	{code: "u", filter: domain.FileFilter{Uncategorised: true}},
	{code: "t", filter: domain.FileFilter{Trashed: true}},
	{code: "c", id: func(f *domain.FileFilter) *int64 { return &f.CategoryID }},
	{code: "s", id: func(f *domain.FileFilter) *int64 { return &f.SearchID }},
	{code: "h", id: func(f *domain.FileFilter) *int64 { return &f.TagID }},
	{code: "b", id: func(f *domain.FileFilter) *int64 { return &f.AlbumID }},
}

// kindCode is the code of the list source of kind k alone ("p" photos).
func kindCode(k domain.Kind) string {
	for _, s := range listSources {
		if s.id == nil && s.filter == (domain.FileFilter{Kind: k}) {
			return s.code
		}
	}
	return ""
}

// formatSource encodes a filter by the source that describes it exactly. Filters combine nothing
// else, so one always does; anything else lists all files.
func formatSource(f domain.FileFilter) string {
	for _, s := range listSources {
		if s.id == nil {
			if f == s.filter {
				return s.code
			}
			continue
		}
		rest := f
		id := *s.id(&rest)
		*s.id(&rest) = 0
		kind := rest.Kind
		rest.Kind = ""
		if id > 0 && rest == s.filter {
			if kind != "" {
				return s.code + formatID(id) + "." + kindCode(kind)
			}
			return s.code + formatID(id)
		}
	}
	return listSources[0].code
}

func takeCursor(args []string) (domain.Cursor, []string, error) {
	if len(args) == 0 || len(args[0]) < 2 || (args[0][0] != 'n' && args[0][0] != 'p') {
		return domain.Cursor{}, nil, errBadCallback
	}
	ids, pageID, numbered := strings.Cut(args[0][1:], ".")
	id, err := parseID(ids)
	if err != nil {
		return domain.Cursor{}, nil, errBadCallback
	}
	c := domain.Cursor{ID: id, Backward: args[0][0] == 'p'}
	if numbered {
		// Buttons made before pages were numbered have no number: they still open their page.
		n, err := parseID(pageID)
		if err != nil || n == 0 || n > maxPageNumber {
			return domain.Cursor{}, nil, errBadCallback
		}
		c.Number = int(n)
	}
	return c, args[1:], nil
}

func takeList(args []string) (ListRef, []string, error) {
	if len(args) == 0 {
		return ListRef{}, nil, errBadCallback
	}
	f, err := parseSource(args[0])
	if err != nil {
		return ListRef{}, nil, err
	}
	cursor, rest, err := takeCursor(args[1:])
	if err != nil {
		return ListRef{}, nil, err
	}
	return ListRef{Filter: f, Cursor: cursor}, rest, nil
}

func parseSource(src string) (domain.FileFilter, error) {
	src, kind, narrowed := strings.Cut(src, ".")
	for _, s := range listSources {
		switch {
		case s.id == nil && src == s.code && !narrowed:
			return s.filter, nil
		case s.id != nil && strings.HasPrefix(src, s.code):
			id, err := parseID(src[len(s.code):])
			if err != nil || id == 0 {
				return domain.FileFilter{}, errBadCallback
			}
			f := s.filter
			*s.id(&f) = id
			if narrowed {
				if f.Kind = kindOfCode(kind); f.Kind == "" {
					return domain.FileFilter{}, errBadCallback
				}
			}
			return f, nil
		}
	}
	return domain.FileFilter{}, errBadCallback
}

// kindOfCode is the kind whose list source has that code, "" if none.
func kindOfCode(code string) domain.Kind {
	for _, s := range listSources {
		if s.id == nil && s.code == code && s.filter.Kind != "" {
			return s.filter.Kind
		}
	}
	return ""
}
