package botapi

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/content"
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
)

// Upload sends a file from the user in their private chat, the way Send does a message: the
// server keeps the bytes, gives the file a file_id and a file_unique_id like Telegram (the same
// content always gets the same file_unique_id), queues the message as an update and returns it.
// The bot can send the file back by file_id, and getFile and download it.
func (s *Server) Upload(from models.User, u Upload) (models.Update, error) {
	p, err := prepareUpload(u)
	if err != nil {
		return models.Update{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.files.Fits(p.need) {
		return models.Update{}, ErrStorageFull
	}
	m, err := s.storeUpload(p)
	if err != nil {
		return models.Update{}, err
	}
	return s.sendFrom(from, m), nil
}

// preparedUpload is an upload checked and read: its kind, its photo sizes, the room it takes.
type preparedUpload struct {
	Upload
	kind  string
	sizes []content.Photo
	need  int64
}

// prepareUpload checks u and reads what it holds, without the lock.
func prepareUpload(u Upload) (preparedUpload, error) {
	switch {
	case len(u.Data) == 0:
		return preparedUpload{}, ErrEmptyFile
	case len(u.Data) > MaxUploadSize:
		return preparedUpload{}, ErrTooLarge
	case utf8.RuneCountInString(u.Caption) > maxCaptionLen:
		return preparedUpload{}, ErrCaptionTooLong
	}
	if u.MIMEType == "" {
		u.MIMEType = content.MIME(u.Name, u.Data)
	}
	kind, err := uploadKind(u)
	if err != nil {
		return preparedUpload{}, err
	}
	p := preparedUpload{Upload: u, kind: kind, need: int64(len(u.Data))}
	if kind == "photo" {
		if p.sizes, err = content.PhotoSizes(u.Data); err != nil {
			p.kind = "document" // Telegram's apps send what they cannot read as a picture as a file
			return p, nil
		}
		p.need = 0
		for _, ps := range p.sizes {
			p.need += int64(len(ps.Data))
		}
	}
	return p, nil
}

// storeUpload keeps the file of p and returns the message that carries it; the caller holds s.mu
// and checked there is room.
func (s *Server) storeUpload(p preparedUpload) (models.Message, error) {
	if p.kind == "photo" {
		photo, err := s.newPhoto(p.sizes)
		if err != nil {
			return models.Message{}, err
		}
		return models.Message{Photo: photo, Caption: p.Caption}, nil
	}
	f, err := s.newFile(p.kind, p.Name, p.MIMEType, p.Data)
	if err != nil {
		return models.Message{}, err
	}
	m := f.Media
	m.Caption = p.Caption
	return m, nil
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
		if !content.IsMP4(u.Data) {
			return "", ErrNotVideoNote
		}
		return "video_note", nil
	case "sticker":
		if u.Caption != "" {
			return "", ErrNoCaption
		}
		if content.StickerFormat(u.Name, u.Data) == "" {
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

// newPhoto keeps each size of a photo as a file of its own, as Telegram does, and returns the
// message's photo field; the caller holds s.mu.
func (s *Server) newPhoto(sizes []content.Photo) ([]models.PhotoSize, error) {
	return s.files.Photo(sizes, s.bot.ID, s.nextSeq)
}

// checkVoice tells whether a file can be a voice note: Telegram's apps record Ogg Opus, and bots
// may also send MP3 and M4A.
func checkVoice(u Upload) error {
	ext := strings.ToLower(path.Ext(u.Name))
	switch {
	case content.IsOgg(u.Data), content.IsMP3(u.Data):
		return nil
	case content.IsMP4(u.Data) && (ext == ".m4a" || strings.HasPrefix(u.MIMEType, "audio/")):
		return nil
	}
	return ErrNotVoice
}
