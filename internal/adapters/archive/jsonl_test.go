package archive_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/archive"
	"github.com/filekeeper/filekeeper/internal/app/backup"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var at = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

func records() []backup.ArchiveRecord {
	deleted := at.Add(time.Hour)
	return []backup.ArchiveRecord{
		{User: &backup.ArchivedUser{DefaultCategory: "Квитанции", User: domain.User{
			TelegramID: 42, Username: "ann", FirstName: "Ann", LastName: "Lee", LanguageCode: "ru",
			PageSize: 12, Language: domain.Russian, Sort: domain.SortSize, BlockedBot: true, JoinedAt: at, LastSeenAt: at.Add(time.Minute),
		}}},
		{Category: &backup.ArchivedCategory{Owner: 42, Name: "Квитанции", CreatedAt: at}},
		{File: &backup.ArchivedFile{Owner: 42, Category: "Квитанции", Tags: []string{"налоги", "2026"}, File: domain.File{
			TelegramFileID: "BQAC", UniqueID: "AgAD", Name: `"q3" <report>.pdf`, MIMEType: "application/pdf", Size: 1 << 30,
			Kind: domain.KindDocument, Carrier: domain.KindDocument, Caption: "line one\nline two & 🧾",
			CreatedAt: at, DeletedAt: &deleted, RenamePending: true,
			BotID: 777, Copy: domain.StorageCopy{ChatID: -1001234567890, MessageID: 31},
		}}},
		{File: &backup.ArchivedFile{Owner: 42, File: domain.File{
			TelegramFileID: "AgAC", UniqueID: "AQAD", Name: "photo.jpg", Kind: domain.KindPhoto, Carrier: domain.KindPhoto, CreatedAt: at,
			Origin: domain.Origin{Kind: domain.OriginChannel, Name: "Go News (@gonews)", Date: at.Add(-time.Hour)},
		}}},
		{Share: &backup.ArchivedShare{Owner: 42, Token: "tok_0123456789abcdef", File: "AgAD", CreatedAt: at, Uses: 3}},
		{Share: &backup.ArchivedShare{Owner: 42, Token: "tok_fedcba9876543210", Category: "Квитанции", CreatedAt: at, Viewers: 2,
			Limits: domain.ShareLimits{ExpiresAt: &deleted, MaxViewers: 5, Protect: true}}},
		{Ban: &domain.Ban{TelegramID: 5005, BannedBy: 42, BannedAt: at, ToldAt: &deleted}},
		{Ban: &domain.Ban{TelegramID: 5006, BannedBy: 42, BannedAt: at}},
	}
}

func write(t *testing.T, recs []backup.ArchiveRecord) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := archive.NewWriter(&buf, at)
	require.NoError(t, err)
	for _, r := range recs {
		require.NoError(t, w.Write(r))
	}
	return buf.Bytes()
}

func readAll(t *testing.T, data []byte) ([]backup.ArchiveRecord, error) {
	t.Helper()
	r, err := archive.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var recs []backup.ArchiveRecord
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
}

func TestEveryRecordReadsBackAsWritten(t *testing.T) {
	data := write(t, records())
	assert.Equal(t, len(records())+1, bytes.Count(data, []byte("\n")), "one line a record, after the header")
	got, err := readAll(t, data)
	require.NoError(t, err)
	assert.Equal(t, records(), got)
}

func TestAnArchiveWrittenBeforeTagsAndOrdersReads(t *testing.T) {
	old := `{"type":"header","format":"filekeeper-archive","version":1,"exported_at":"2026-12-02T10:00:00Z"}
{"type":"user","telegram_id":42,"page_size":8,"language":"","default_category":"","blocked_bot":false,"joined_at":"2026-12-02T10:00:00Z","last_seen_at":"2026-12-02T10:00:00Z"}
{"type":"file","owner":42,"unique_id":"AgAD","file_id":"BQAC","name":"a.pdf","kind":"document","carrier":"document","category":"","caption":"","created_at":"2026-12-02T10:00:00Z","deleted_at":null,"rename_pending":false}
`
	got, err := readAll(t, []byte(old))
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, domain.SortOrder(""), got[0].User.User.Sort, "no order: the newest first")
	assert.Empty(t, got[1].File.Tags)
	assert.Zero(t, got[1].File.File.BotID, "an archive of before bots were recorded: the bot is unknown")
	assert.False(t, got[1].File.File.Copy.Exists(), "and the file has no copy")
}

func TestALineIsReadableByOtherTools(t *testing.T) {
	lines := strings.Split(string(write(t, records())), "\n")
	assert.JSONEq(t, `{"type":"header","format":"filekeeper-archive","version":1,"exported_at":"2026-12-02T10:00:00Z"}`, lines[0])
	assert.JSONEq(t, `{"type":"share","owner":42,"token":"tok_0123456789abcdef","file":"AgAD","created_at":"2026-12-02T10:00:00Z","uses":3}`, lines[5],
		"a link without limits has none written")
	assert.JSONEq(t, `{"type":"share","owner":42,"token":"tok_fedcba9876543210","category":"Квитанции","created_at":"2026-12-02T10:00:00Z","uses":0,`+
		`"expires_at":"2026-12-02T11:00:00Z","max_viewers":5,"viewers":2,"protect":true}`, lines[6])
	assert.Contains(t, lines[4], `"origin_kind":"channel","origin_name":"Go News (@gonews)","origin_date":"2026-12-02T09:00:00Z"`)
	assert.Contains(t, lines[3], `"name":"\"q3\" <report>.pdf"`, "no HTML escaping")
}

func TestAnArchiveThatIsNotOneIsRefusedSayingWhere(t *testing.T) {
	good := string(write(t, records()))
	headerEnd := strings.Index(good, "\n") + 1
	for name, tc := range map[string]struct{ data, says string }{
		"empty":            {"", "empty"},
		"another format":   {`{"type":"header","format":"tar","version":1}` + "\n", "line 1 is not the header"},
		"not JSON at all":  {"PGDMP\x00\x01\n", "line 1 is not the header"},
		"a newer version":  {strings.Replace(good, `"version":1`, `"version":2`, 1), "version 2; this filekeeper reads version 1"},
		"a broken line":    {good[:headerEnd] + good[headerEnd:headerEnd+40] + "\n", "line 2"},
		"an unknown type":  {good + `{"type":"poll"}` + "\n", `line 10: unknown record type "poll"`},
		"a field mistyped": {good[:headerEnd] + `{"type":"file","size":"big"}` + "\n", "line 2"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := readAll(t, []byte(tc.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.says)
		})
	}
}

func TestEmptyLinesAreSkippedAndCounted(t *testing.T) {
	data := bytes.ReplaceAll(write(t, records()), []byte("\n"), []byte("\n\n"))
	got, err := readAll(t, data)
	require.NoError(t, err)
	assert.Equal(t, records(), got)
}

func TestAnEmptyRecordIsNotWritten(t *testing.T) {
	w, err := archive.NewWriter(io.Discard, at)
	require.NoError(t, err)
	assert.Error(t, w.Write(backup.ArchiveRecord{}))
}
