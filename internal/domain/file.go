package domain

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxCaptionLen is the longest caption kept, in bytes (Telegram allows 1024 characters).
const MaxCaptionLen = 4096

// File is one file a user keeps. Telegram holds the bytes; File Keeper holds what is needed
// to find and send them back.
type File struct {
	ID             int64
	OwnerID        int64
	TelegramFileID string // to send the file back; may change between sends
	UniqueID       string // Telegram's file_unique_id: the identity of the bytes
	Name           string
	MIMEType       string
	Size           int64
	Kind           Kind
	Carrier        Kind // the Telegram media type of TelegramFileID: how it is sent back
	CategoryID     *int64
	Caption        string
	CreatedAt      time.Time
	DeletedAt      *time.Time
	// RenamePending is true when Telegram shows another name than Name under TelegramFileID
	// (the file was renamed, or its name cleaned): the next send uploads it under Name.
	RenamePending bool
	// BotID is the Telegram id of the bot TelegramFileID belongs to (0: not recorded, kept
	// before bots were); Copy is the file's copy in the storage chat, if any (storage.go).
	BotID  int64
	Copy   StorageCopy
	Origin Origin // where a forwarded file came from
	// AlbumID is the album the file came in (sent as one media group), if any.
	AlbumID *int64
}

// MaxDownloadSize is the largest file the cloud Bot API lets a bot download (getFile), and so
// upload again under a new name; a larger file keeps in Telegram the name it came with.
const MaxDownloadSize = 20 << 20

// RenamableInTelegram reports whether the name Telegram shows for the file can be changed: it is
// of a kind Telegram shows a file name for, small enough for a bot to download and upload again.
func (f File) RenamableInTelegram() bool {
	switch f.Carrier {
	case KindDocument, KindAudio, KindVideo, KindAnimation:
		return f.Size <= MaxDownloadSize
	}
	return false
}

// KeepsTelegramName reports whether Telegram goes on showing the file under the name it came
// with, whatever it is called here: a named kind too large to be uploaded again.
func (f File) KeepsTelegramName() bool {
	switch f.Carrier {
	case KindDocument, KindAudio, KindVideo, KindAnimation:
		return f.Size > MaxDownloadSize
	}
	return false
}

// IncomingFile is a file as it arrives from Telegram, before it is kept.
type IncomingFile struct {
	TelegramFileID string
	UniqueID       string
	Name           string // may be empty: a name is generated then
	MIMEType       string
	Size           int64
	Carrier        Kind // the message type that carried it
	Caption        string
	BotID          int64  // the Telegram id of the bot that received it
	Origin         Origin // a forwarded file's origin; zero for one sent by the user
	// MediaGroupID is Telegram's id of the album the file was sent in; "" for a file sent alone.
	MediaGroupID string
}

// NewFile builds a file kept by owner from what Telegram sent at now: it detects the kind,
// cleans or generates the name and checks that the ids are there.
func NewFile(owner int64, in IncomingFile, now time.Time) (File, error) {
	if strings.TrimSpace(in.TelegramFileID) == "" || strings.TrimSpace(in.UniqueID) == "" {
		return File{}, fmt.Errorf("new file: missing telegram ids: %w", ErrInvalidFile)
	}
	if !in.Carrier.Valid() {
		return File{}, fmt.Errorf("new file: unknown kind %q: %w", in.Carrier, ErrInvalidFile)
	}
	if in.Size < 0 {
		return File{}, fmt.Errorf("new file: negative size: %w", ErrInvalidFile)
	}
	kind := DetectKind(in.Carrier, in.MIMEType)
	name := CleanFileName(in.Name)
	if name == "" {
		name = GenerateFileName(kind, in.MIMEType, now)
	}
	caption := CleanCaption(in.Caption)
	f := File{
		OwnerID:        owner,
		TelegramFileID: in.TelegramFileID,
		UniqueID:       in.UniqueID,
		Name:           name,
		MIMEType:       strings.TrimSpace(in.MIMEType),
		Size:           in.Size,
		Kind:           kind,
		Carrier:        in.Carrier,
		Caption:        caption,
		CreatedAt:      now,
		BotID:          in.BotID,
		Origin:         cleanOrigin(in.Origin),
	}
	// A name that had to be cleaned (a bidi override …) is shown cleaned by Telegram too, once sent.
	f.RenamePending = in.Name != "" && name != in.Name && f.RenamableInTelegram()
	return f, nil
}

// CleanCaption is a caption as kept: cleaned of control characters, trimmed, at most
// MaxCaptionLen bytes.
func CleanCaption(c string) string {
	caption := strings.TrimSpace(CleanText(c))
	if len(caption) > MaxCaptionLen {
		caption = strings.TrimSpace(strings.ToValidUTF8(caption[:MaxCaptionLen], ""))
	}
	return caption
}

// Rename gives the file a new name, validated like every name. When the new name has no
// extension, the old one is kept: "report" renames "q3.pdf" to "report.pdf".
func (f *File) Rename(name string) error {
	name, err := ValidateName(name, MaxFileNameLen)
	if err != nil {
		return err
	}
	if ext := extension(f.Name); extension(name) == "" && ext != "" {
		name += ext
		if utf8.RuneCountInString(name) > MaxFileNameLen {
			return &NameError{Reason: NameTooLong, Max: MaxFileNameLen}
		}
	}
	if name != f.Name && f.RenamableInTelegram() {
		f.RenamePending = true
	}
	f.Name = name
	return nil
}

// extension is the name's extension when it looks like one. path.Ext alone takes any tail after
// a dot: the whole of a dotfile's name, ". Smith" of "Dr. Smith", ". 5" of "Invoice No. 5".
func extension(name string) string {
	ext := path.Ext(name)
	if ext == name || utf8.RuneCountInString(ext) > maxExtensionLen || strings.ContainsFunc(ext, unicode.IsSpace) {
		return ""
	}
	return ext
}

// Trashed reports whether the file is in the trash.
func (f File) Trashed() bool { return f.DeletedAt != nil }

// RestoreFile checks a file kept elsewhere (an archive of another database) as NewFile checks a
// new one: Telegram's ids present, known kinds, a size, and a name and caption as they would
// have been cleaned. Ids of the other database are dropped; the owner is the given one.
func RestoreFile(owner int64, f File) (File, error) {
	if strings.TrimSpace(f.TelegramFileID) == "" || strings.TrimSpace(f.UniqueID) == "" {
		return File{}, fmt.Errorf("restore file: missing telegram ids: %w", ErrInvalidFile)
	}
	if !f.Kind.Valid() || !f.Carrier.Valid() {
		return File{}, fmt.Errorf("restore file: unknown kind %q or %q: %w", f.Kind, f.Carrier, ErrInvalidFile)
	}
	if f.Size < 0 {
		return File{}, fmt.Errorf("restore file: negative size: %w", ErrInvalidFile)
	}
	if f.CreatedAt.IsZero() {
		return File{}, fmt.Errorf("restore file: no time it was kept: %w", ErrInvalidFile)
	}
	name := CleanFileName(f.Name)
	if name == "" {
		return File{}, fmt.Errorf("restore file: no name: %w", ErrInvalidFile)
	}
	f.ID, f.OwnerID, f.CategoryID = 0, owner, nil
	f.Name, f.Caption, f.Origin = name, CleanCaption(f.Caption), cleanOrigin(f.Origin)
	f.RenamePending = f.RenamePending && f.RenamableInTelegram()
	return f, nil
}
