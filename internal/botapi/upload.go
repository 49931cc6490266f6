package botapi

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
	"path"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Upload is a file a user sends from their device, as a Telegram app would send it.
type Upload struct {
	Name     string // the file's name on the device
	MIMEType string // empty: guessed from the name, then from the content
	Data     []byte
	Caption  string
	// AsFile sends a picture, video or song uncompressed, as a document (Telegram's "send as
	// file"); otherwise JPEG and PNG pictures become photos, GIFs animations, MP4 videos videos
	// and audio files music, as Telegram's apps do.
	AsFile bool
	// As sends the file as a kind a Telegram app makes with a button of its own rather than by
	// attaching: "voice" (the microphone: an Ogg Opus recording, or an MP3 or M4A), "video_note"
	// (the round camera: an MP4) or "sticker" (the sticker panel: a .webp picture, a .webm video
	// or a .tgs animation). Empty: by the file's type, as above.
	As string
}

// MaxUploadSize is the largest file Upload takes: the largest a bot can fetch with getFile, so
// any file a sandbox user sends, the bot could download.
const MaxUploadSize = maxDownload

// Upload refuses these; the message of each can be shown to the person who sent the file.
var (
	ErrEmptyFile      = errors.New("the file is empty: Telegram does not send empty files")
	ErrTooLarge       = fmt.Errorf("the file is larger than %d MB", MaxUploadSize>>20)
	ErrStorageFull    = errors.New("the server holds as many files as it may keep (Options.MaxStorage)")
	ErrCaptionTooLong = fmt.Errorf("the caption is longer than %d characters", maxCaptionLen)
	ErrNotVoice       = errors.New("a voice note is an .ogg or .opus recording (Ogg Opus), or an .mp3 or .m4a file")
	ErrNotVideoNote   = errors.New("a video note is an .mp4 video")
	ErrNotSticker     = errors.New("a sticker is a .webp picture, a .webm video or a .tgs animation")
	ErrNoCaption      = errors.New("video notes and stickers carry no caption: send the text as a message of its own")
	ErrUnknownKind    = errors.New("a file can be sent as a file, a voice note, a video note or a sticker")
	errNotAPhoto      = errors.New("not a picture Telegram would compress")
)

// maxPhotoPixels keeps a huge picture from being decoded into memory: it is sent as a file.
const maxPhotoPixels = 50_000_000

// Upload sends a file from the user in their private chat, the way Send does a message: the
// server keeps the bytes, gives the file a file_id and a file_unique_id like Telegram (the same
// content always gets the same file_unique_id), queues the message as an update and returns it.
// The bot can send the file back by file_id, and getFile and download it.
func (s *Server) Upload(from models.User, u Upload) (models.Update, error) {
	switch {
	case len(u.Data) == 0:
		return models.Update{}, ErrEmptyFile
	case len(u.Data) > MaxUploadSize:
		return models.Update{}, ErrTooLarge
	case utf8.RuneCountInString(u.Caption) > maxCaptionLen:
		return models.Update{}, ErrCaptionTooLong
	}
	if u.MIMEType == "" {
		u.MIMEType = guessMIME(u.Name, u.Data)
	}
	kind, err := uploadKind(u)
	if err != nil {
		return models.Update{}, err
	}
	var sizes []scaledPhoto
	if kind == "photo" {
		var err error
		if sizes, err = photoSizes(u.Data); err != nil {
			kind = "document" // Telegram's apps send what they cannot read as a picture as a file
		}
	}
	need := int64(len(u.Data))
	if kind == "photo" {
		need = 0
		for _, p := range sizes {
			need += int64(len(p.data))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stored+need > s.maxStore {
		return models.Update{}, ErrStorageFull
	}
	m := models.Message{Caption: u.Caption}
	if kind == "photo" {
		photo, err := s.newPhoto(sizes)
		if err != nil {
			return models.Update{}, err
		}
		m.Photo = photo
	} else {
		f, err := s.newFile(kind, u.Name, u.MIMEType, u.Data)
		if err != nil {
			return models.Update{}, err
		}
		m = f.media
		m.Caption = u.Caption
	}
	return s.sendFrom(from, m), nil
}

// uploadKind is the kind of message a Telegram app makes of a file, or why it cannot make the
// kind asked for. It may settle the file's MIME type, as Telegram does for a voice note.
func uploadKind(u Upload) (string, error) {
	switch u.As {
	case "":
	case "file", "document":
		return "document", nil
	case "voice":
		return "voice", checkVoice(u)
	case "video_note":
		if u.Caption != "" {
			return "", ErrNoCaption
		}
		if !isMP4(u.Data) {
			return "", ErrNotVideoNote
		}
		return "video_note", nil
	case "sticker":
		if u.Caption != "" {
			return "", ErrNoCaption
		}
		if stickerFormat(u.Name, u.Data) == "" {
			return "", ErrNotSticker
		}
		return "sticker", nil
	default:
		return "", ErrUnknownKind
	}
	if u.AsFile {
		return "document", nil
	}
	switch t := u.MIMEType; {
	case t == "image/jpeg" || t == "image/png":
		return "photo", nil
	case t == "image/gif":
		return "animation", nil
	case t == "video/mp4" || t == "video/quicktime" || t == "video/webm":
		return "video", nil
	case strings.HasPrefix(t, "audio/"):
		return "audio", nil
	}
	return "document", nil
}

// scaledPhoto is one size of a photo, JPEG-encoded.
type scaledPhoto struct {
	width, height int
	data          []byte
}

// photoSides are the longest sides of the smaller copies Telegram makes of a photo; the largest
// copy is the picture itself, at most photoMaxSide on its longest side.
var photoSides = []int{90, 320, 800}

const photoMaxSide = 1280

// photoSizes re-encodes a picture the way Telegram does a photo: JPEG, in the sizes it lists,
// smallest first.
func photoSizes(data []byte) ([]scaledPhoto, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 || cfg.Width*cfg.Height > maxPhotoPixels {
		return nil, errNotAPhoto
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errNotAPhoto
	}
	longest := max(cfg.Width, cfg.Height)
	sides := make([]int, 0, len(photoSides)+1)
	for _, side := range photoSides {
		if side < longest {
			sides = append(sides, side)
		}
	}
	sides = append(sides, min(longest, photoMaxSide))
	out := make([]scaledPhoto, len(sides))
	for i, side := range sides {
		if out[i], err = encodeScaled(img, side); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// encodeScaled shrinks img (nearest neighbour, enough for a preview) so its longest side is side,
// flattens it on white, as JPEG has no transparency, and encodes it.
func encodeScaled(img image.Image, side int) (scaledPhoto, error) {
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
		return scaledPhoto{}, fmt.Errorf("encode photo: %w", err)
	}
	return scaledPhoto{width: w, height: h, data: buf.Bytes()}, nil
}

// newPhoto keeps each size of a photo as a file of its own, as Telegram does, and returns the
// message's photo field; the caller holds s.mu.
func (s *Server) newPhoto(sizes []scaledPhoto) ([]models.PhotoSize, error) {
	photo := make([]models.PhotoSize, len(sizes))
	for i, p := range sizes {
		id, unique := s.fileIDs("photo", p.data)
		photo[i] = models.PhotoSize{FileID: id, FileUniqueID: unique, Width: p.width, Height: p.height, FileSize: len(p.data)}
	}
	for i, p := range sizes {
		_, err := s.keep(photo[i].FileID, &file{kind: "photo", media: models.Message{Photo: photo}, uniqueID: photo[i].FileUniqueID,
			size: int64(len(p.data)), mimeType: "image/jpeg", data: p.data})
		if err != nil {
			return nil, err
		}
	}
	return photo, nil
}

// checkVoice tells whether a file can be a voice note: Telegram's apps record Ogg Opus, and bots
// may also send MP3 and M4A.
func checkVoice(u Upload) error {
	ext := strings.ToLower(path.Ext(u.Name))
	switch {
	case isOgg(u.Data), isMP3(u.Data):
		return nil
	case isMP4(u.Data) && (ext == ".m4a" || strings.HasPrefix(u.MIMEType, "audio/")):
		return nil
	}
	return ErrNotVoice
}

// voiceMIME is the type of a voice note's content.
func voiceMIME(data []byte, given string) string {
	switch {
	case isOgg(data):
		return "audio/ogg"
	case isMP3(data):
		return "audio/mpeg"
	case isMP4(data):
		return "audio/mp4"
	case strings.HasPrefix(given, "audio/"):
		return given
	}
	return "audio/ogg"
}

func isOgg(data []byte) bool { return bytes.HasPrefix(data, []byte("OggS")) }

func isMP4(data []byte) bool { return len(data) >= 12 && string(data[4:8]) == "ftyp" }

func isMP3(data []byte) bool {
	return bytes.HasPrefix(data, []byte("ID3")) || len(data) >= 2 && data[0] == 0xFF && data[1]&0xE0 == 0xE0
}

// oggOpusSeconds is the length of an Ogg Opus recording, from the granule position (48 kHz
// samples) of its last page; 0 when it is not one or cannot be read.
func oggOpusSeconds(data []byte) int {
	if !isOgg(data) || !bytes.Contains(data[:min(len(data), 200)], []byte("OpusHead")) {
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

// stickerFormat is how Telegram would show a sticker file — "static" (WebP), "video" (WebM) or
// "animated" (a gzipped Lottie .tgs) — or "" for a file that cannot be a sticker.
func stickerFormat(name string, data []byte) string {
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

// stickerMIME is the type of a sticker's content, by its format.
var stickerMIME = map[string]string{"static": "image/webp", "video": "video/webm", "animated": "application/x-tgsticker"}
