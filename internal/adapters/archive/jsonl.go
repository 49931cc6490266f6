// Package archive writes and reads File Keeper's portable archive: JSON lines, one record a line,
// after a header line that names the format and its version.
package archive

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/filekeeper/filekeeper/internal/app/backup"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Format and Version name the archive in its header line; a reader refuses another.
const (
	Format  = "filekeeper-archive"
	Version = 1
)

// maxLine is the longest line read: the longest record (a caption of 4 KiB, a name of a few
// hundred bytes) escaped as JSON is far below it.
const maxLine = 1 << 20

// header is the first line: which format, which version, when it was written.
type header struct {
	Type       string    `json:"type"`
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exported_at"`
}

// The record lines: a "type" and the fields of that type of record.
type (
	userLine struct {
		Type string `json:"type"`
		user
	}
	categoryLine struct {
		Type string `json:"type"`
		category
	}
	fileLine struct {
		Type string `json:"type"`
		file
	}
	shareLine struct {
		Type string `json:"type"`
		share
	}
	banLine struct {
		Type string `json:"type"`
		ban
	}
)

type user struct {
	TelegramID      int64     `json:"telegram_id"`
	Username        string    `json:"username"`
	FirstName       string    `json:"first_name"`
	LastName        string    `json:"last_name"`
	LanguageCode    string    `json:"language_code"`
	PageSize        int       `json:"page_size"`
	Language        string    `json:"language"`
	DefaultCategory string    `json:"default_category"`
	Sort            string    `json:"sort,omitempty"`
	BlockedBot      bool      `json:"blocked_bot"`
	JoinedAt        time.Time `json:"joined_at"`
	LastSeenAt      time.Time `json:"last_seen_at"`
}

type category struct {
	Owner     int64     `json:"owner"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

type file struct {
	Owner         int64      `json:"owner"`
	UniqueID      string     `json:"unique_id"`
	FileID        string     `json:"file_id"`
	Name          string     `json:"name"`
	MIMEType      string     `json:"mime_type"`
	Size          int64      `json:"size"`
	Kind          string     `json:"kind"`
	Carrier       string     `json:"carrier"`
	Category      string     `json:"category"`
	Caption       string     `json:"caption"`
	CreatedAt     time.Time  `json:"created_at"`
	DeletedAt     *time.Time `json:"deleted_at"`
	RenamePending bool       `json:"rename_pending"`
	// Where a forwarded file came from; absent for one that was not.
	OriginKind string     `json:"origin_kind,omitempty"`
	OriginName string     `json:"origin_name,omitempty"`
	OriginDate *time.Time `json:"origin_date,omitempty"`
	Tags       []string   `json:"tags,omitempty"`
	// The bot file_id belongs to (its Telegram id) and the file's copy in the storage chat: what
	// lets a library moved to another database move to another bot too. Absent when unknown.
	BotID            int64 `json:"bot_id,omitempty"`
	StorageChatID    int64 `json:"storage_chat_id,omitempty"`
	StorageMessageID int64 `json:"storage_message_id,omitempty"`
}

type share struct {
	Owner     int64     `json:"owner"`
	Token     string    `json:"token"`
	File      string    `json:"file,omitempty"`
	Category  string    `json:"category,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	Uses      int       `json:"uses"`
	// The link's limits, absent when it has none; viewers is how many people it admitted.
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	MaxViewers int        `json:"max_viewers,omitempty"`
	Viewers    int        `json:"viewers,omitempty"`
	Protect    bool       `json:"protect,omitempty"`
}

type ban struct {
	TelegramID int64      `json:"telegram_id"`
	BannedBy   int64      `json:"banned_by"`
	BannedAt   time.Time  `json:"banned_at"`
	ToldAt     *time.Time `json:"told_at"`
}

// Writer writes an archive.
type Writer struct {
	enc *json.Encoder
}

// NewWriter writes the header line to w and returns a Writer of the records after it.
func NewWriter(w io.Writer, exportedAt time.Time) (*Writer, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(header{Type: "header", Format: Format, Version: Version, ExportedAt: exportedAt.UTC()}); err != nil {
		return nil, fmt.Errorf("write archive header: %w", err)
	}
	return &Writer{enc: enc}, nil
}

// Write writes rec as one line.
func (w *Writer) Write(rec backup.ArchiveRecord) error {
	l, err := encode(rec)
	if err == nil {
		err = w.enc.Encode(l)
	}
	if err != nil {
		return fmt.Errorf("write archive: %w", err)
	}
	return nil
}

func encode(rec backup.ArchiveRecord) (any, error) {
	switch {
	case rec.User != nil:
		u := rec.User.User
		return userLine{Type: "user", user: user{
			TelegramID: u.TelegramID, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName,
			LanguageCode: u.LanguageCode, PageSize: u.PageSize, Language: string(u.Language),
			DefaultCategory: rec.User.DefaultCategory, Sort: string(u.Sort), BlockedBot: u.BlockedBot,
			JoinedAt: u.JoinedAt.UTC(), LastSeenAt: u.LastSeenAt.UTC(),
		}}, nil
	case rec.Category != nil:
		c := rec.Category
		return categoryLine{Type: "category", category: category{Owner: c.Owner, Name: c.Name, CreatedAt: c.CreatedAt.UTC()}}, nil
	case rec.File != nil:
		f := rec.File.File
		return fileLine{Type: "file", file: file{
			Owner: rec.File.Owner, UniqueID: f.UniqueID, FileID: f.TelegramFileID, Name: f.Name, MIMEType: f.MIMEType,
			Size: f.Size, Kind: string(f.Kind), Carrier: string(f.Carrier), Category: rec.File.Category,
			Caption: f.Caption, CreatedAt: f.CreatedAt.UTC(), DeletedAt: utc(f.DeletedAt), RenamePending: f.RenamePending,
			OriginKind: string(f.Origin.Kind), OriginName: f.Origin.Name, OriginDate: originDate(f.Origin),
			Tags: rec.File.Tags, BotID: f.BotID, StorageChatID: f.Copy.ChatID, StorageMessageID: f.Copy.MessageID,
		}}, nil
	case rec.Share != nil:
		s := rec.Share
		return shareLine{Type: "share", share: share{Owner: s.Owner, Token: s.Token, File: s.File, Category: s.Category,
			CreatedAt: s.CreatedAt.UTC(), Uses: s.Uses, ExpiresAt: utc(s.Limits.ExpiresAt), MaxViewers: s.Limits.MaxViewers,
			Viewers: s.Viewers, Protect: s.Limits.Protect}}, nil
	case rec.Ban != nil:
		b := rec.Ban
		return banLine{Type: "ban", ban: ban{TelegramID: b.TelegramID, BannedBy: b.BannedBy, BannedAt: b.BannedAt.UTC(), ToldAt: utc(b.ToldAt)}}, nil
	}
	return nil, errors.New("an empty record")
}

// originDate is a forwarded file's origin date, nil for a file not forwarded.
func originDate(o domain.Origin) *time.Time {
	if !o.Forwarded() {
		return nil
	}
	return utc(&o.Date)
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Reader reads an archive.
type Reader struct {
	sc   *bufio.Scanner
	line int
}

// NewReader reads and checks the header line of r and returns a Reader of the records after it.
func NewReader(r io.Reader) (*Reader, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	rd := &Reader{sc: sc}
	raw, err := rd.next()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read archive: empty, not a %s", Format)
	}
	if err != nil {
		return nil, err
	}
	var h header
	if json.Unmarshal(raw, &h) != nil || h.Type != "header" || h.Format != Format {
		return nil, fmt.Errorf("read archive: line %d is not the header of a %s", rd.line, Format)
	}
	if h.Version != Version {
		return nil, fmt.Errorf("read archive: version %d; this filekeeper reads version %d", h.Version, Version)
	}
	return rd, nil
}

// Line is the number of the last line read.
func (r *Reader) Line() int { return r.line }

// next returns the next line that is not empty.
func (r *Reader) next() ([]byte, error) {
	for r.sc.Scan() {
		r.line++
		if len(r.sc.Bytes()) > 0 {
			return r.sc.Bytes(), nil
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("read archive after line %d: %w", r.line, err)
	}
	return nil, io.EOF
}

// Next returns the next record, or io.EOF after the last.
func (r *Reader) Next() (backup.ArchiveRecord, error) {
	raw, err := r.next()
	if err != nil {
		return backup.ArchiveRecord{}, err
	}
	rec, err := decode(raw)
	if err != nil {
		return backup.ArchiveRecord{}, fmt.Errorf("read archive: line %d: %w", r.line, err)
	}
	return rec, nil
}

func decode(raw []byte) (backup.ArchiveRecord, error) {
	var typed struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(raw, &typed); err != nil {
		return backup.ArchiveRecord{}, err
	}
	switch typed.Type {
	case "user":
		var u user
		if err := json.Unmarshal(raw, &u); err != nil {
			return backup.ArchiveRecord{}, err
		}
		return backup.ArchiveRecord{User: &backup.ArchivedUser{DefaultCategory: u.DefaultCategory, User: domain.User{
			TelegramID: u.TelegramID, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName,
			LanguageCode: u.LanguageCode, PageSize: u.PageSize, Language: domain.Language(u.Language),
			Sort: domain.SortOrder(u.Sort), BlockedBot: u.BlockedBot, JoinedAt: u.JoinedAt, LastSeenAt: u.LastSeenAt,
		}}}, nil
	case "category":
		var c category
		if err := json.Unmarshal(raw, &c); err != nil {
			return backup.ArchiveRecord{}, err
		}
		return backup.ArchiveRecord{Category: &backup.ArchivedCategory{Owner: c.Owner, Name: c.Name, CreatedAt: c.CreatedAt}}, nil
	case "file":
		var f file
		if err := json.Unmarshal(raw, &f); err != nil {
			return backup.ArchiveRecord{}, err
		}
		return backup.ArchiveRecord{File: &backup.ArchivedFile{Owner: f.Owner, Category: f.Category, Tags: f.Tags, File: domain.File{
			TelegramFileID: f.FileID, UniqueID: f.UniqueID, Name: f.Name, MIMEType: f.MIMEType, Size: f.Size,
			Kind: domain.Kind(f.Kind), Carrier: domain.Kind(f.Carrier), Caption: f.Caption,
			CreatedAt: f.CreatedAt, DeletedAt: f.DeletedAt, RenamePending: f.RenamePending, Origin: origin(f),
			BotID: f.BotID, Copy: domain.StorageCopy{ChatID: f.StorageChatID, MessageID: f.StorageMessageID},
		}}}, nil
	case "share":
		var s share
		if err := json.Unmarshal(raw, &s); err != nil {
			return backup.ArchiveRecord{}, err
		}
		return backup.ArchiveRecord{Share: &backup.ArchivedShare{Owner: s.Owner, Token: s.Token, File: s.File,
			Category: s.Category, CreatedAt: s.CreatedAt, Uses: s.Uses, Viewers: s.Viewers,
			Limits: domain.ShareLimits{ExpiresAt: s.ExpiresAt, MaxViewers: s.MaxViewers, Protect: s.Protect}}}, nil
	case "ban":
		var b ban
		if err := json.Unmarshal(raw, &b); err != nil {
			return backup.ArchiveRecord{}, err
		}
		return backup.ArchiveRecord{Ban: &domain.Ban{TelegramID: b.TelegramID, BannedBy: b.BannedBy, BannedAt: b.BannedAt, ToldAt: b.ToldAt}}, nil
	}
	return backup.ArchiveRecord{}, fmt.Errorf("unknown record type %q", typed.Type)
}

// origin is where an archived file came from, the zero Origin for one with no origin or no date.
func origin(f file) domain.Origin {
	if f.OriginKind == "" || f.OriginDate == nil {
		return domain.Origin{}
	}
	return domain.Origin{Kind: domain.OriginKind(f.OriginKind), Name: f.OriginName, Date: *f.OriginDate}
}
