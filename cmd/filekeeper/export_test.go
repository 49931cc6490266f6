package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// /export: the bot says the export is on its way, and a job sends the user their library as a
// JSON and a CSV document holding every file they keep, the trash included — and nothing of
// anyone else's. A text a spreadsheet would take for a formula is written as text.
func TestExportSendsTheLibraryAsJSONAndCSV(t *testing.T) {
	h := newHarness(t)
	names := []string{"report.pdf", "=HYPERLINK(evil).pdf", "holiday.pdf"}
	for _, name := range names {
		h.mark = h.api.LastSeq()
		h.sendDocument(alice, name, "application/pdf", 100)
		h.waitMessage(alice.ID, "Saved")
	}
	h.mark = h.api.LastSeq()
	h.sendDocument(bob, "bobs-secret.pdf", "application/pdf", 100)
	h.waitMessage(bob.ID, "Saved")

	h.say(alice, "/export")
	h.waitMessage(alice.ID, "putting your library together")
	h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool {
		return c.Method == "sendDocument" && c.Params["chat_id"] == fmt.Sprint(alice.ID) && strings.Contains(c.Params["caption"], "Your library: 3 files")
	}))

	docs := map[string][]byte{}
	for _, m := range h.api.Messages(alice.ID) {
		if m.Document == nil || !strings.HasPrefix(m.Document.FileName, "filekeeper-") {
			continue
		}
		content, ok := h.api.File(m.Document.FileID)
		require.True(t, ok, "the bot uploaded %s", m.Document.FileName)
		docs[m.Document.FileName[strings.LastIndex(m.Document.FileName, "."):]] = content.Data
	}
	require.Len(t, docs, 2, "a JSON and a CSV document")

	var lib struct {
		Format     string `json:"format"`
		TelegramID int64  `json:"telegram_id"`
		Files      []struct {
			Name, Kind string
			Size       int64
		} `json:"files"`
	}
	require.NoError(t, json.Unmarshal(docs[".json"], &lib))
	assert.Equal(t, "filekeeper-library", lib.Format)
	assert.Equal(t, alice.ID, lib.TelegramID)
	var got []string
	for _, f := range lib.Files {
		got = append(got, f.Name)
		assert.Equal(t, "document", f.Kind)
	}
	assert.Equal(t, names, got, "every file of hers, oldest first, none of Bob's")

	t.Logf("the CSV:\n%s", docs[".csv"])
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(docs[".csv"]), "\uFEFF"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 4, "a header and a row per file")
	assert.Equal(t, "name", rows[0][1])
	assert.Equal(t, "'=HYPERLINK(evil).pdf", rows[2][1], "a formula-like name is written as text")
}
