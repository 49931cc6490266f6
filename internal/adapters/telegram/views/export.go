package views

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Document is a file the bot uploads: its name and its bytes.
type Document struct {
	Name string
	Data []byte
}

// exportedFile is one file of an export as both documents write it.
type exportedFile struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	Kind        string     `json:"kind"`
	Size        int64      `json:"size"`
	MIMEType    string     `json:"mime_type"`
	Category    string     `json:"category"`
	Caption     string     `json:"caption"`
	SavedAt     time.Time  `json:"saved_at"`
	TrashedAt   *time.Time `json:"trashed_at"`
	StorageCopy string     `json:"storage_copy"`
}

// ExportDocuments are what /export sends: the library as JSON (for programs) and as CSV (for
// spreadsheets), named after the day at.
func ExportDocuments(lib app.LibraryExport, at time.Time) ([]Document, error) {
	files := make([]exportedFile, len(lib.Files))
	for i, e := range lib.Files {
		f := e.File
		files[i] = exportedFile{
			ID: f.ID, Name: f.Name, Kind: string(f.Kind), Size: f.Size, MIMEType: f.MIMEType,
			Category: e.Category, Caption: f.Caption, SavedAt: f.CreatedAt.UTC(), TrashedAt: utc(f.DeletedAt),
			StorageCopy: CopyLink(f.Copy),
		}
	}
	doc := struct {
		Format     string         `json:"format"`
		Version    int            `json:"version"`
		ExportedAt time.Time      `json:"exported_at"`
		TelegramID int64          `json:"telegram_id"`
		Files      []exportedFile `json:"files"`
	}{"filekeeper-library", 1, at.UTC(), lib.Owner.TelegramID, files}
	js, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export as JSON: %w", err)
	}
	sheet, err := exportCSV(files)
	if err != nil {
		return nil, err
	}
	day := at.UTC().Format("2006-01-02")
	return []Document{
		{Name: "filekeeper-" + day + ".json", Data: js},
		{Name: "filekeeper-" + day + ".csv", Data: sheet},
	}, nil
}

func exportCSV(files []exportedFile) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF") // spreadsheets read the file as UTF-8 with it
	w := csv.NewWriter(&buf)
	rows := [][]string{{"id", "name", "kind", "size", "mime_type", "category", "caption", "saved_at", "trashed_at", "storage_copy"}}
	for _, f := range files {
		trashed := ""
		if f.TrashedAt != nil {
			trashed = f.TrashedAt.Format(time.RFC3339)
		}
		rows = append(rows, []string{
			strconv.FormatInt(f.ID, 10), cell(f.Name), f.Kind, strconv.FormatInt(f.Size, 10), cell(f.MIMEType),
			cell(f.Category), cell(f.Caption), f.SavedAt.Format(time.RFC3339), trashed, f.StorageCopy,
		})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("export as CSV: %w", err)
	}
	return buf.Bytes(), nil
}

// cell keeps a user's text from being taken for a formula by a spreadsheet: a text that starts
// like one (=, +, -, @, a tab or a carriage return) is written after an apostrophe.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CopyLink is the link to a file's copy in the storage chat, for its members; "" where there is
// no copy or the chat is not a channel or supergroup (only those have message links).
func CopyLink(c domain.StorageCopy) string {
	if !c.Exists() {
		return ""
	}
	id := strconv.FormatInt(c.ChatID, 10)
	internal, ok := strings.CutPrefix(id, "-100")
	if !ok || internal == "" {
		return ""
	}
	return "https://t.me/c/" + internal + "/" + strconv.FormatInt(c.MessageID, 10)
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
