package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
)

// archiveOf runs `filekeeper export -o FILE` on the database at url and returns the records,
// the header line left out (it says when).
func archiveOf(t *testing.T, url string) []string {
	t.Helper()
	t.Setenv("DATABASE_URL", url)
	path := filepath.Join(t.TempDir(), "library.jsonl")
	var out bytes.Buffer
	require.Equal(t, exitOK, run([]string{"export", "-o", path}, &out), out.String())
	assert.Contains(t, out.String(), "exported ")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.Contains(t, lines[0], `"format":"filekeeper-archive"`)
	return lines[1:]
}

// TestALibraryExportedAndImportedIntoAFreshDatabaseIsTheSameAndServed keeps files through the
// bot, exports its database, imports the archive into a new, empty one (migrated by the import),
// runs the bot on that one and gets a file back; importing again changes nothing. A ban moves
// too.
func TestALibraryExportedAndImportedIntoAFreshDatabaseIsTheSameAndServed(t *testing.T) {
	t.Setenv("ADMIN_IDS", fmt.Sprint(alice.ID))
	h := newHarness(t)
	h.say(alice, "/ban 3003")
	h.waitMessage(alice.ID, "⛔ 3003 is banned")
	for i := 1; i <= 3; i++ {
		_, _, upd := h.sendDocument(alice, fmt.Sprintf("report-%d.pdf", i), "application/pdf", int64(i*1000))
		h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	}
	_, _, upd := h.sendDocument(bob, "bob.pdf", "application/pdf", 10)
	h.api.WaitForCall(t, wait, repliesTo(bob.ID, upd.Message.ID))
	h.stop()

	exported := archiveOf(t, h.dbURL)
	require.Len(t, exported, 2+4+1, "two users, four files, a ban")

	archivePath := filepath.Join(t.TempDir(), "move.jsonl")
	t.Setenv("DATABASE_URL", h.dbURL)
	var out bytes.Buffer
	require.Equal(t, exitOK, run([]string{"export", "-o", archivePath}, &out), out.String())
	assert.Contains(t, out.String(), "exported 2 users, 0 categories, 4 files, 0 links, 1 banned")

	fresh := pgtest.NewEmptyDatabase(t)
	t.Setenv("DATABASE_URL", fresh)
	for range 2 {
		out.Reset()
		require.Equal(t, exitOK, run([]string{"import", archivePath}, &out), out.String())
		assert.Contains(t, out.String(), "imported 2 users, 0 categories, 4 files, 0 links, 1 banned")
	}
	assert.Equal(t, exported, archiveOf(t, fresh), "the new database holds the same library, once")

	h.dbURL = fresh
	h.start()
	h.say(alice, "/start")
	h.waitMessage(alice.ID, "Hi, Alice")
	h.press(alice, "📂 My files")
	h.waitEdit(alice.ID, "Your files: 3 in all")
	h.press(alice, "📄 Documents (3)")
	page := h.waitEdit(alice.ID, "Documents")
	assert.Less(t, strings.Index(page.Params["reply_markup"], "report-3.pdf"), strings.Index(page.Params["reply_markup"], "report-1.pdf"),
		"the newest first, as before the move")
}

func TestAnImportOfWhatIsNotAnArchiveSaysWhyAndStoresNothing(t *testing.T) {
	url := pgtest.NewDatabase(t)
	t.Setenv("DATABASE_URL", url)
	bad := filepath.Join(t.TempDir(), "dump.sql")
	require.NoError(t, os.WriteFile(bad, []byte("--\n-- PostgreSQL database dump\n"), 0o600))
	var out bytes.Buffer
	assert.Equal(t, exitFailed, run([]string{"import", bad}, &out))
	assert.Equal(t, "filekeeper: import: read archive: line 1 is not the header of a filekeeper-archive (0 users, 0 categories, 0 files, 0 links, 0 banned so far)\n", out.String())
	assert.Empty(t, archiveOf(t, url))

	out.Reset()
	assert.Equal(t, exitFailed, run([]string{"import", filepath.Join(t.TempDir(), "missing.jsonl")}, &out))
	assert.Contains(t, out.String(), "no such file or directory")
	out.Reset()
	assert.Equal(t, exitUsage, run([]string{"import", "a", "b"}, &out))
	assert.Equal(t, exitUsage, run([]string{"export", "extra"}, &out))
}
