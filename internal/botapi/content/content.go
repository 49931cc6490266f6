// Package content tells what Telegram makes of a file's bytes: its MIME type, the JPEG sizes of
// a photo, whether it can be a voice note or a sticker and how long a recording lasts. Pure
// functions with no state; internal/botapi builds its files with them.
package content

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // DecodeConfig of GIFs sent as photos
	"image/jpeg"
	_ "image/png" // photos sent as PNG
	"mime"
	"net/http"
	"path"
	"strings"
)

// ErrNotAPhoto: PhotoSizes cannot read the picture, or it is too large to decode.
var ErrNotAPhoto = errors.New("not a picture Telegram would compress")

// maxPhotoPixels keeps a huge picture from being decoded into memory: it is sent as a file.
const maxPhotoPixels = 50_000_000

// Photo is one size of a photo, JPEG-encoded.
type Photo struct {
	Width, Height int
	Data          []byte
}

// photoSides are the longest sides of the smaller copies Telegram makes of a photo; the largest
// copy is the picture itself, at most photoMaxSide on its longest side.
var photoSides = []int{90, 320, 800}

const photoMaxSide = 1280

// PhotoSizes re-encodes a picture the way Telegram does a photo: JPEG, in the sizes it lists,
// smallest first.
func PhotoSizes(data []byte) ([]Photo, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 || cfg.Width*cfg.Height > maxPhotoPixels {
		return nil, ErrNotAPhoto
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotAPhoto
	}
	longest := max(cfg.Width, cfg.Height)
	sides := make([]int, 0, len(photoSides)+1)
	for _, side := range photoSides {
		if side < longest {
			sides = append(sides, side)
		}
	}
	sides = append(sides, min(longest, photoMaxSide))
	out := make([]Photo, len(sides))
	for i, side := range sides {
		if out[i], err = encodeScaled(img, side); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// encodeScaled shrinks img (nearest neighbour, enough for a preview) so its longest side is side,
// flattens it on white, as JPEG has no transparency, and encodes it.
func encodeScaled(img image.Image, side int) (Photo, error) {
	b := img.Bounds()
	longest := max(b.Dx(), b.Dy())
	w, h := max(1, b.Dx()*side/longest), max(1, b.Dy()*side/longest)
	shrunk := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			shrunk.Set(x, y, img.At(b.Min.X+x*b.Dx()/w, b.Min.Y+y*b.Dy()/h))
		}
	}
	flat := image.NewRGBA(shrunk.Bounds())
	draw.Draw(flat, flat.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), shrunk, image.Point{}, draw.Over)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, flat, &jpeg.Options{Quality: 87}); err != nil {
		return Photo{}, fmt.Errorf("encode photo: %w", err)
	}
	return Photo{Width: w, Height: h, Data: buf.Bytes()}, nil
}

// VoiceMIME is the type of a voice note's content.
func VoiceMIME(data []byte, given string) string {
	switch {
	case IsOgg(data):
		return "audio/ogg"
	case IsMP3(data):
		return "audio/mpeg"
	case IsMP4(data):
		return "audio/mp4"
	case strings.HasPrefix(given, "audio/"):
		return given
	}
	return "audio/ogg"
}

// IsOgg tells an Ogg stream by its first page.
func IsOgg(data []byte) bool { return bytes.HasPrefix(data, []byte("OggS")) }

// IsMP4 tells an ISO media file (MP4, M4A, MOV) by its ftyp box.
func IsMP4(data []byte) bool { return len(data) >= 12 && string(data[4:8]) == "ftyp" }

// IsMP3 tells an MP3 by its ID3 tag or frame sync.
func IsMP3(data []byte) bool {
	return bytes.HasPrefix(data, []byte("ID3")) || len(data) >= 2 && data[0] == 0xFF && data[1]&0xE0 == 0xE0
}

// OggOpusSeconds is the length of an Ogg Opus recording, from the granule position (48 kHz
// samples) of its last page; 0 when it is not one or cannot be read.
func OggOpusSeconds(data []byte) int {
	if !IsOgg(data) || !bytes.Contains(data[:min(len(data), 200)], []byte("OpusHead")) {
		return 0
	}
	last := bytes.LastIndex(data, []byte("OggS"))
	if last < 0 || last+14 > len(data) {
		return 0
	}
	granule := binary.LittleEndian.Uint64(data[last+6 : last+14])
	if granule == ^uint64(0) {
		return 0
	}
	return int(granule / 48000)
}

// StickerFormat is how Telegram would show a sticker file — "static" (WebP), "video" (WebM) or
// "animated" (a gzipped Lottie .tgs) — or "" for a file that cannot be a sticker.
func StickerFormat(name string, data []byte) string {
	switch {
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "static"
	case bytes.HasPrefix(data, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return "video"
	case bytes.HasPrefix(data, []byte{0x1F, 0x8B}) && strings.EqualFold(path.Ext(name), ".tgs"):
		return "animated"
	}
	return ""
}

// StickerMIME is the type of a sticker's content, by its format.
var StickerMIME = map[string]string{"static": "image/webp", "video": "video/webm", "animated": "application/x-tgsticker"}

// MIME is the type Telegram would give a file: by its name's extension, else by its content.
func MIME(name string, data []byte) string {
	t := mime.TypeByExtension(strings.ToLower(path.Ext(name)))
	if t == "" && len(data) > 0 {
		t = http.DetectContentType(data)
	}
	if t == "" {
		return "application/octet-stream"
	}
	if media, _, err := mime.ParseMediaType(t); err == nil {
		return media
	}
	return t
}
