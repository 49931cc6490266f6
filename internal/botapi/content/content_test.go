package content_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/png"
	"slices"
	"testing"

	"github.com/filekeeper/filekeeper/internal/botapi/content"
)

func TestTheTypeComesFromTheNameThenFromTheContent(t *testing.T) {
	for name, c := range map[string]struct {
		file string
		data []byte
		want string
	}{
		"by the extension":        {"notes.PDF", []byte("x"), "application/pdf"},
		"by the content":          {"noname", []byte("%PDF-1.7\n"), "application/pdf"},
		"nothing to go by":        {"noname", nil, "application/octet-stream"},
		"parameters are left out": {"page.html", nil, "text/html"},
	} {
		t.Run(name, func(t *testing.T) {
			if got := content.MIME(c.file, c.data); got != c.want {
				t.Fatalf("MIME(%q) = %q, want %q", c.file, got, c.want)
			}
		})
	}
}

func TestAPhotoComesInSizesSmallestFirstUpTo1280(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 2000, 1000))); err != nil {
		t.Fatal(err)
	}
	sizes, err := content.PhotoSizes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var widths []int
	for _, p := range sizes {
		widths = append(widths, p.Width)
	}
	if want := []int{90, 320, 800, 1280}; !slices.Equal(widths, want) {
		t.Fatalf("widths %v, want %v", widths, want)
	}
	if _, err := content.PhotoSizes([]byte("not a picture")); !errors.Is(err, content.ErrNotAPhoto) {
		t.Fatalf("a text as a photo: %v, want ErrNotAPhoto", err)
	}
}

func TestAnOggOpusRecordingKnowsItsLength(t *testing.T) {
	page := func(granule uint64) []byte {
		p := append([]byte("OggS"), 0, 0)
		return binary.LittleEndian.AppendUint64(p, granule)
	}
	data := append(append(page(0), []byte("OpusHead")...), page(48000*7)...)
	if got := content.OggOpusSeconds(data); got != 7 {
		t.Fatalf("OggOpusSeconds = %d, want 7", got)
	}
	if got := content.OggOpusSeconds([]byte("ID3 an mp3")); got != 0 {
		t.Fatalf("OggOpusSeconds of an MP3 = %d, want 0", got)
	}
}

func TestStickerFormats(t *testing.T) {
	webp := append([]byte("RIFF\x00\x00\x00\x00WEBP"), 0)
	for name, c := range map[string]struct {
		file string
		data []byte
		want string
	}{
		"a WebP is static":          {"s.webp", webp, "static"},
		"a WebM is a video":         {"s.webm", []byte{0x1A, 0x45, 0xDF, 0xA3, 0}, "video"},
		"a gzipped .tgs animates":   {"s.tgs", []byte{0x1F, 0x8B, 8}, "animated"},
		"gzip by another name":      {"s.gz", []byte{0x1F, 0x8B, 8}, ""},
		"a PNG cannot be a sticker": {"s.png", []byte("\x89PNG\r\n\x1a\n"), ""},
	} {
		t.Run(name, func(t *testing.T) {
			if got := content.StickerFormat(c.file, c.data); got != c.want {
				t.Fatalf("StickerFormat(%q) = %q, want %q", c.file, got, c.want)
			}
		})
	}
}
