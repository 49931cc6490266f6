package repotest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// finds is what the search tests look through: the owner's live files by a short key, one
// trashed file and one of someone else, all with names and captions a search could match.
type finds struct {
	owner, other int64
	ids          map[string]int64 // key -> file id
}

// findable are the owner's live files: key, kind, name and caption.
var findable = []struct {
	key            string
	kind           domain.Kind
	name, caption  string
	trashed, other bool
}{
	{"report", domain.KindDocument, "Отчёт за март.pdf", "", false, false},
	{"holiday", domain.KindPhoto, "photo.jpg", "Holiday in ROME", false, false},
	{"sale", domain.KindDocument, "50% off.pdf", "", false, false},
	{"no sale", domain.KindDocument, "500 off.pdf", "", false, false},
	{"underscore", domain.KindDocument, "a_b.txt", "", false, false},
	{"no underscore", domain.KindDocument, "axb.txt", "", false, false},
	{"backslash", domain.KindDocument, `back\slash.txt`, "", false, false},
	{"final", domain.KindVideo, "Final Cut.MP4", "quarterly review", false, false},
	// A caption longer than a btree entry may be (about 2700 bytes) is kept and found.
	{"long caption", domain.KindPhoto, "scan.png", strings.Repeat("ж", 2000) + " Rome", false, false},
	{"trashed", domain.KindPhoto, "rome trashed.jpg", "Rome", true, false},
	{"theirs", domain.KindPhoto, "rome theirs.jpg", "Rome", false, true},
}

func seedFinds(t *testing.T, uow app.UnitOfWork) finds {
	t.Helper()
	s := finds{owner: mustUpsert(t, uow, newUser(1)).ID, other: mustUpsert(t, uow, newUser(2)).ID, ids: map[string]int64{}}
	for _, f := range findable {
		owner := s.owner
		if f.other {
			owner = s.other
		}
		file := newFile(owner, f.key, f.kind)
		file.Name, file.Caption = f.name, f.caption
		if f.trashed {
			file = trashedAt(file, t0)
		}
		s.ids[f.key] = mustSave(t, uow, file).ID
	}
	return s
}

// keys returns the ids of the files with those keys, newest (highest id) first.
func (s finds) keys(keys ...string) []int64 {
	var out []int64
	for i := len(findable) - 1; i >= 0; i-- {
		for _, k := range keys {
			if findable[i].key == k {
				out = append(out, s.ids[k])
			}
		}
	}
	return out
}

func testSearchFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	s := seedFinds(t, uow)
	checkLists(t, uow, s.owner, []listCase{
		{"a word of a name is found", app.FileQuery{Search: "cut"}, s.keys("final")},
		{"a word of a caption is found", app.FileQuery{Search: "review"}, s.keys("final")},
		{"a search ignores case, in the name and in the caption", app.FileQuery{Search: "rOmE"}, s.keys("holiday", "long caption")},
		{"a search ignores the case of letters beyond ASCII", app.FileQuery{Search: "ОТЧЁТ"}, s.keys("report")},
		{"a lowercase Cyrillic word finds a capitalised one", app.FileQuery{Search: "отчёт"}, s.keys("report")},
		{"a percent sign matches itself only", app.FileQuery{Search: "50%"}, s.keys("sale")},
		{"a lone percent sign is no wildcard", app.FileQuery{Search: "%"}, s.keys("sale")},
		{"an underscore matches itself, not any character", app.FileQuery{Search: "a_b"}, s.keys("underscore")},
		{"a lone underscore is no wildcard", app.FileQuery{Search: "_"}, s.keys("underscore")},
		{"a backslash matches itself", app.FileQuery{Search: `k\s`}, s.keys("backslash")},
		{"a lone backslash is no escape", app.FileQuery{Search: `\`}, s.keys("backslash")},
		{"a search matching nothing finds nothing", app.FileQuery{Search: "invoice"}, nil},
		{"a search with a NUL character finds nothing", app.FileQuery{Search: "a\x00b"}, nil},
		{"a trashed file is never found", app.FileQuery{Search: "trashed"}, nil},
		{"another owner's file is never found", app.FileQuery{Search: "theirs"}, nil},
		{"a prefix search finds names that start with it", app.FileQuery{Search: "ph", SearchPrefix: true}, s.keys("holiday")},
		{"a prefix search finds captions that start with it", app.FileQuery{Search: "ho", SearchPrefix: true}, s.keys("holiday")},
		{"a prefix search ignores case beyond ASCII", app.FileQuery{Search: "оТ", SearchPrefix: true}, s.keys("report")},
		{"a prefix search does not find it inside a word", app.FileQuery{Search: "ot", SearchPrefix: true}, nil},
		{"a prefix search takes a percent sign literally", app.FileQuery{Search: "50%", SearchPrefix: true}, s.keys("sale")},
		{"a prefix search by a digit finds every name starting with it", app.FileQuery{Search: "5", SearchPrefix: true}, s.keys("sale", "no sale")},
		{"a prefix search takes an underscore literally", app.FileQuery{Search: "a_", SearchPrefix: true}, s.keys("underscore")},
		{"a prefix search finds the start of a long caption", app.FileQuery{Search: "жж", SearchPrefix: true}, s.keys("long caption")},
		{"a long prefix finds what starts with it", app.FileQuery{Search: "final cut.", SearchPrefix: true}, s.keys("final")},
		{"a long prefix does not find it further in", app.FileQuery{Search: "inal cut.mp4", SearchPrefix: true}, nil},
		{"a substring search finds what a prefix search does not", app.FileQuery{Search: "ot"}, s.keys("holiday")},
	})

	checkLists(t, uow, s.owner, []listCase{
		{"a search keeps to the kind asked for", app.FileQuery{Search: "rome", Kind: domain.KindPhoto}, s.keys("holiday", "long caption")},
		{"a search of a kind without matches finds nothing", app.FileQuery{Search: "rome", Kind: domain.KindVideo}, nil},
		{"a search of the trash finds nothing", app.FileQuery{Search: "rome", Trashed: true}, nil},
		{"a search keeps to uncategorised files", app.FileQuery{Search: "off", Uncategorised: true}, s.keys("sale", "no sale")},
		{"a search pages after an id", app.FileQuery{Search: "rome", AfterID: s.ids["long caption"]}, s.keys("holiday")},
		{"a search pages before an id, oldest first", app.FileQuery{Search: "off", BeforeID: s.ids["sale"]}, s.keys("no sale")},
		{"a prefix search pages after an id", app.FileQuery{Search: "5", SearchPrefix: true, AfterID: s.ids["no sale"]}, s.keys("sale")},
		{"a prefix search pages before an id", app.FileQuery{Search: "5", SearchPrefix: true, BeforeID: s.ids["sale"]}, s.keys("no sale")},
	})
	t.Run("a search keeps to the category asked for", func(t *testing.T) {
		testSearchInCategory(t, newUOW(t))
	})
	t.Run("paging through search results has no overlap and no gap", func(t *testing.T) {
		testSearchPaging(t, newUOW(t))
	})
}

func testSearchInCategory(t *testing.T, uow app.UnitOfWork) {
	owner := mustUpsert(t, uow, newUser(1)).ID
	c := mustCreateCategory(t, uow, owner, "Trips")
	in := newFile(owner, "in", domain.KindPhoto)
	in.Name = "rome 1.jpg"
	in = mustSave(t, uow, fileIn(in, c.ID))
	out := newFile(owner, "out", domain.KindPhoto)
	out.Name = "rome 2.jpg"
	out = mustSave(t, uow, out)
	for _, prefix := range []bool{false, true} {
		got := list(t, uow, app.FileQuery{OwnerID: owner, Search: "rome", SearchPrefix: prefix, CategoryID: c.ID, Limit: 10})
		assert.Equal(t, []int64{in.ID}, ids(got), "prefix %v", prefix)
		got = list(t, uow, app.FileQuery{OwnerID: owner, Search: "ro", SearchPrefix: prefix, Uncategorised: true, Limit: 10})
		assert.Equal(t, []int64{out.ID}, ids(got), "prefix %v", prefix)
	}
}

// testSearchPaging walks the pages of a substring and of a prefix search over files that match
// and files that do not, interleaved.
func testSearchPaging(t *testing.T, uow app.UnitOfWork) {
	owner := mustUpsert(t, uow, newUser(1)).ID
	var matching []int64
	for i := range 20 {
		f := newFile(owner, fmt.Sprintf("p%d", i), domain.KindDocument)
		f.Name, f.Caption = fmt.Sprintf("other %d.txt", i), ""
		if i%3 != 1 {
			f.Name = fmt.Sprintf("Page %d.txt", i)
		}
		if i%5 == 0 {
			f.Name, f.Caption = fmt.Sprintf("cover %d.txt", i), "page in the caption"
		}
		id := mustSave(t, uow, f).ID
		if i%3 != 1 || i%5 == 0 {
			matching = append([]int64{id}, matching...)
		}
	}
	for _, prefix := range []bool{false, true} {
		t.Run(fmt.Sprintf("prefix %v", prefix), func(t *testing.T) {
			walkPages(t, uow, app.FileQuery{OwnerID: owner, Search: "page", SearchPrefix: prefix, Limit: 4}, matching)
		})
	}
}

func testFindFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	owner := mustUpsert(t, uow, newUser(1)).ID
	other := mustUpsert(t, uow, newUser(2)).ID
	live := mustSave(t, uow, newFile(owner, "live", domain.KindPhoto))
	trashed := mustSave(t, uow, trashedAt(newFile(owner, "trashed", domain.KindPhoto), t0))
	theirs := mustSave(t, uow, newFile(other, "theirs", domain.KindPhoto))
	tests := []struct {
		name     string
		owner    int64
		uniqueID string
		want     *domain.File // nil: not found
	}{
		{"a live file is found by its unique id", owner, "live", &live},
		{"a trashed file is found by its unique id", owner, "trashed", &trashed},
		{"another owner's file is not found", owner, "theirs", nil},
		{"the other owner finds their own", other, "theirs", &theirs},
		{"an unknown unique id is not found", owner, "nothing", nil},
		{"a unique id is matched exactly, case included", owner, "LIVE", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Files.ByUniqueID(ctx, tt.owner, tt.uniqueID)
				if tt.want == nil {
					assert.ErrorIs(t, err, domain.ErrNotFound)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, utcFile(*tt.want), utcFile(got))
			})
		})
	}
}

func testUsage(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	owner := mustUpsert(t, uow, newUser(1)).ID
	other := mustUpsert(t, uow, newUser(2)).ID
	sized := func(f domain.File, size int64) domain.File { f.Size = size; return f }
	mustSave(t, uow, sized(newFile(owner, "p1", domain.KindPhoto), 100))
	mustSave(t, uow, sized(newFile(owner, "p2", domain.KindPhoto), 200))
	mustSave(t, uow, sized(newFile(owner, "v1", domain.KindVideo), 3_000_000_000))
	mustSave(t, uow, trashedAt(sized(newFile(owner, "p3", domain.KindPhoto), 1000), t0))
	mustSave(t, uow, trashedAt(sized(newFile(owner, "d1", domain.KindDocument), 50), t0))
	mustSave(t, uow, sized(newFile(other, "p1", domain.KindPhoto), 7))
	tests := []struct {
		name  string
		owner int64
		want  domain.Usage
	}{
		{"the trash counts in the totals but not per kind", owner, domain.Usage{
			Files: 5, Bytes: 3_000_001_350,
			ByKind: map[domain.Kind]domain.KindUsage{
				domain.KindPhoto: {Files: 2, Bytes: 300},
				domain.KindVideo: {Files: 1, Bytes: 3_000_000_000},
			},
		}},
		{"another owner's files are counted apart", other, domain.Usage{
			Files: 1, Bytes: 7, ByKind: map[domain.Kind]domain.KindUsage{domain.KindPhoto: {Files: 1, Bytes: 7}},
		}},
		{"an owner without files uses nothing", other + 1000, domain.Usage{ByKind: map[domain.Kind]domain.KindUsage{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Files.Usage(ctx, tt.owner)
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
			})
		})
	}
}
