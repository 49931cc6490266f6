package telegram

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestCallbackCodec(t *testing.T) {
	cases := []struct {
		name string
		cb   Callback
		want string
	}{
		{"main menu has no arguments", Callback{Action: ActMenu}, "1|m"},
		{"first page of all files", Callback{Action: ActList}, "1|l|a|n|0"},
		{"next page of photos", Callback{Action: ActList, Kind: domain.KindPhoto, Cursor: domain.Cursor{ID: 1000}}, "1|l|p|n|rs"},
		{"previous page of video notes", Callback{Action: ActList, Kind: domain.KindVideoNote, Cursor: domain.Cursor{ID: 35, Backward: true}}, "1|l|n|p|z"},
		{"a file", Callback{Action: ActFile, FileID: 42}, "1|f|16"},
		{"the largest file id fits", Callback{Action: ActFile, FileID: math.MaxInt64}, "1|f|1y2p0ij32e8e7"},
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

func TestDecodeCallbackRefusesForgeries(t *testing.T) {
	for _, data := range []string{
		"", "1", "2|m", "1|x", "1|m|extra", "1|f", "1|f|0", "1|f|-1", "1|f|0016", "1|f|ZZ",
		"1|f|1y2p0ij32e8e8", "1|l|a|n", "1|l|q|n|0", "1|l|a|x|0", "1|l|a|n|0|0", "1|f|1 ",
	} {
		t.Run("refuses "+data, func(t *testing.T) {
			_, err := DecodeCallback(data)
			assert.ErrorIs(t, err, errBadCallback)
		})
	}
}

func FuzzCallbackCodec(f *testing.F) {
	for _, seed := range []string{"1|m", "1|l|a|n|0", "1|l|p|p|rs", "1|f|16", "garbage", "1|f|1y2p0ij32e8e7"} {
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
	f.Add(int64(0), true, uint8(0))
	f.Fuzz(func(t *testing.T, id int64, backward bool, k uint8) {
		if id < 0 {
			id = -(id + 1)
		}
		kinds := append([]domain.Kind{""}, domain.Kinds...)
		for _, cb := range []Callback{
			{Action: ActList, Kind: kinds[int(k)%len(kinds)], Cursor: domain.Cursor{ID: id, Backward: backward}},
			{Action: ActFile, FileID: max(id, 1)},
		} {
			data := EncodeCallback(cb)
			if len(data) > maxCallbackLen {
				t.Fatalf("%+v encodes to %d bytes", cb, len(data))
			}
			got, err := DecodeCallback(data)
			if err != nil || got != cb {
				t.Fatalf("round trip of %+v: %+v, %v", cb, got, err)
			}
		}
	})
}
