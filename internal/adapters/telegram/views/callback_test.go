package views

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

const maxID = math.MaxInt64

func TestCallbackCodec(t *testing.T) {
	photos := domain.FileFilter{Kind: domain.KindPhoto}
	cases := []struct {
		name string
		cb   Callback
		want string
	}{
		{"the main menu has no arguments", Callback{Action: ActMenu}, "1|m"},
		{"the first page of all files", Callback{Action: ActList}, "1|l|a|n0"},
		{"the next page of photos", Callback{Action: ActList, List: ListRef{Filter: photos, Cursor: domain.Cursor{ID: 1000}}}, "1|l|p|nrs"},
		{"the previous page of a category", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{CategoryID: 35}, Cursor: domain.Cursor{ID: 35, Backward: true}}}, "1|l|cz|pz"},
		{"the trash", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{Trashed: true}}}, "1|l|t|n0"},
		{"the audio", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{Kind: domain.KindAudio}}}, "1|l|m|n0"},
		{"a saved search", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{SearchID: 36}}}, "1|l|s10|n0"},
		{"the uncategorised files", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{Uncategorised: true}}}, "1|l|u|n0"},
		{"get a file", Callback{Action: ActGet, FileID: 42}, "1|f|16"},
		{"a card remembers its list", Callback{Action: ActCard, FileID: 42, List: ListRef{Filter: photos, Cursor: domain.Cursor{ID: 7}}}, "1|c|16|p|n7"},
		{"move to no category", Callback{Action: ActMoveTo, FileID: 1, List: ListRef{}}, "1|mt|1|0|a|n0"},
		{"upload without a category", Callback{Action: ActUploadInto}, "1|ui|0"},
		{"a category page", Callback{Action: ActCategories, Page: domain.Cursor{ID: 9}}, "1|cs|n9"},
		{"the third page of photos says it is the third", Callback{Action: ActList, List: ListRef{Filter: photos, Cursor: domain.Cursor{ID: 1000, Number: 3}}}, "1|l|p|nrs.3"},
		{"the page before the 37th", Callback{Action: ActList, List: ListRef{Filter: photos, Cursor: domain.Cursor{ID: 35, Backward: true, Number: 36}}}, "1|l|p|pz.10"},
		{"a tag's files", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{TagID: 36}}}, "1|l|h10|n0"},
		{"the photos of a category", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{CategoryID: 35, Kind: domain.KindPhoto}}}, "1|l|cz.p|n0"},
		{"the videos of a tag, page 3", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{TagID: 1, Kind: domain.KindVideo}, Cursor: domain.Cursor{ID: 9, Number: 3}}}, "1|l|h1.v|n9.3"},
		{"the documents of a search, back to page 37", Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{SearchID: 2, Kind: domain.KindDocument}, Cursor: domain.Cursor{ID: 9, Backward: true, Number: 37}}}, "1|l|s2.d|p9.11"},
		{"the tags", Callback{Action: ActTags, Page: domain.Cursor{ID: 4}}, "1|tl|n4"},
		{"edit a file's tags", Callback{Action: ActEditTags, FileID: 5, List: ListRef{Filter: domain.FileFilter{TagID: 2}}}, "1|te|5|h2|n0"},
		{"sort by name", Callback{Action: ActSort, Sort: domain.SortName}, "1|os|a"},
		{"sort by size", Callback{Action: ActSort, Sort: domain.SortSize}, "1|os|s"},
		{"the oldest first", Callback{Action: ActSort, Sort: domain.SortOldest}, "1|os|o"},
		{"the newest first", Callback{Action: ActSort, Sort: domain.SortNewest}, "1|os|n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := EncodeCallback(tc.cb)
			assert.Equal(t, tc.want, data)
			got, err := DecodeCallback(data)
			require.NoError(t, err)
			assert.Equal(t, tc.cb, got)
		})
	}
}

// A page number is a positive base-36 number of its canonical spelling, or the button is refused.
func TestCallbackCursorNumbersAreRefusedUnlessWellFormed(t *testing.T) {
	for _, data := range []string{"1|l|p|nrs.", "1|l|p|nrs.0", "1|l|p|nrs.-1", "1|l|p|nrs.03", "1|l|p|nrs.3.4", "1|l|p|nrs.zzzzzz", "1|l|p|n.3"} {
		_, err := DecodeCallback(data)
		assert.Error(t, err, data)
	}
}

// TestCallbackCodesAreUnambiguous: the codec's tables decode one way only, and the check that
// guards them at start refuses a table where a code could mean two things.
func TestCallbackCodesAreUnambiguous(t *testing.T) {
	require.NoError(t, CheckCallbackCodes())
	for _, k := range domain.Kinds {
		ref := ListRef{Filter: domain.FileFilter{Kind: k}, Cursor: domain.Cursor{ID: 5}}
		got, err := DecodeCallback(EncodeCallback(Callback{Action: ActList, List: ref}))
		require.NoError(t, err, "the list of %s", k)
		assert.Equal(t, ref, got.List)
	}

	saved := listSources
	t.Cleanup(func() { listSources = saved })
	for name, clash := range map[string]listSource{
		"a kind coded like the searches":    {code: "s", filter: domain.FileFilter{Kind: domain.KindAudio}},
		"a kind coded as a search's prefix": {code: "sa", filter: domain.FileFilter{Kind: domain.KindAudio}},
		"a code with a digit":               {code: "c1", filter: domain.FileFilter{Kind: domain.KindAudio}},
	} {
		listSources = append(slices.Clone(saved), clash)
		assert.Error(t, CheckCallbackCodes(), name)
	}
	listSources = append(slices.Clone(saved[:1]), saved[2:]...)
	assert.Error(t, CheckCallbackCodes(), "a kind without a source")
	listSources = saved

	savedActions := actionTable
	t.Cleanup(func() { actionTable = savedActions })
	actionTable = append(slices.Clone(savedActions), actionTable[0])
	assert.Error(t, CheckCallbackCodes(), "an action twice")
}

func TestTheLongestPayloadsFit(t *testing.T) {
	worst := ListRef{Filter: domain.FileFilter{CategoryID: maxID, Kind: domain.KindVideoNote}, Cursor: domain.Cursor{ID: maxID, Backward: true, Number: 1 << 24}}
	for action := range schemas {
		cb := Callback{Action: action, FileID: maxID, CategoryID: maxID, List: worst, Page: domain.Cursor{ID: maxID, Backward: true},
			ShareID: maxID, Number: maxID, Language: domain.Russian, BatchID: maxID, Sort: domain.SortSize, AlbumID: maxID}
		data := EncodeCallback(cb)
		assert.LessOrEqual(t, len(data), maxCallbackLen, "%s: %s", action, data)
		_, err := DecodeCallback(data)
		require.NoError(t, err, data)
	}
	t.Run("with real ids the page number is kept", func(t *testing.T) {
		ref := ListRef{Filter: domain.FileFilter{CategoryID: 1 << 40, Kind: domain.KindVideoNote}, Cursor: domain.Cursor{ID: 1 << 40, Backward: true, Number: 1 << 20}}
		for _, cb := range []Callback{
			{Action: ActMoveTo, FileID: 1 << 40, CategoryID: 1 << 40, List: ref},
			{Action: ActMovePick, FileID: 1 << 40, List: ref, Page: domain.Cursor{ID: 1 << 40, Backward: true}},
		} {
			got, err := DecodeCallback(EncodeCallback(cb))
			require.NoError(t, err)
			assert.Equal(t, ref, got.List)
		}
	})
}

func TestDecodeCallbackRefusesForgeries(t *testing.T) {
	for _, data := range []string{
		"", "1", "2|m", "1|x|", "1|zz", "1|m|extra", "1|f", "1|f|0", "1|f|-1", "1|f|0016", "1|f|ZZ",
		"1|f|1y2p0ij32e8e8", "1|l|a", "1|l|q|n0", "1|l|a|x0", "1|l|a|n", "1|l|a|n0|0", "1|f|1 ",
		"1|l|c0|n0", "1|l|c|n0", "1|c|1|a", "1|co|0", "1|mt|1|-1|a|n0",
		"1|l|a.p|n0", "1|l|p.p|n0", "1|l|c1.q|n0", "1|l|c1.|n0", "1|l|h0|n0", "1|l|c1|n1.0", "1|l|c1|n1.",
		"1|l|c1|n1.01", "1|os|x", "1|os|", "1|os|n|n", "1|tl|x",
	} {
		t.Run("refuses "+data, func(t *testing.T) {
			_, err := DecodeCallback(data)
			assert.ErrorIs(t, err, errBadCallback)
		})
	}
}

func FuzzCallbackCodec(f *testing.F) {
	for _, seed := range []string{"1|m", "1|l|a|n0", "1|l|cz|pz", "1|c|16|p|n7", "1|mp|1|t|n0|n0", "garbage", "1|f|1y2p0ij32e8e7"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		cb, err := DecodeCallback(data)
		if err != nil {
			return
		}
		again := EncodeCallback(cb)
		if len(again) > maxCallbackLen {
			t.Fatalf("encoded %q is %d bytes", again, len(again))
		}
		if again != data {
			t.Fatalf("decode(%q) re-encodes as %q", data, again)
		}
	})
}

func FuzzEncodeCallbackFits(f *testing.F) {
	f.Add(uint8(0), int64(1), int64(0), uint8(0), int64(0), true)
	f.Fuzz(func(t *testing.T, a uint8, file, cat int64, src uint8, cursor int64, backward bool) {
		actions := make([]Action, 0, len(schemas))
		for act := range schemas {
			actions = append(actions, act)
		}
		// Map iteration order is random: sort for a reproducible choice.
		slices.Sort(actions)
		file, cat, cursor = max(abs(file), 1), max(abs(cat), 1), abs(cursor)
		filters := []domain.FileFilter{{}, {Trashed: true}, {Uncategorised: true}, {CategoryID: cat}, {SearchID: cat}, {AlbumID: cat}}
		for _, k := range domain.Kinds {
			filters = append(filters, domain.FileFilter{Kind: k})
		}
		cb := Callback{
			Action: actions[int(a)%len(actions)], FileID: file, CategoryID: cat,
			List: ListRef{Filter: filters[int(src)%len(filters)], Cursor: domain.Cursor{ID: cursor, Backward: backward}},
			Page: domain.Cursor{ID: cursor, Backward: !backward}, ShareID: file, Number: cursor, AlbumID: file,
			Language: domain.Languages[int(src)%len(domain.Languages)],
		}
		data := EncodeCallback(cb)
		if len(data) > maxCallbackLen {
			t.Fatalf("%+v encodes to %d bytes", cb, len(data))
		}
		got, err := DecodeCallback(data)
		if err != nil {
			t.Fatalf("%q does not decode: %v", data, err)
		}
		if EncodeCallback(got) != data {
			t.Fatalf("round trip of %q gave %+v", data, got)
		}
	})
}

func abs(n int64) int64 {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
