package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
)

// `filekeeper unsendable` lists, for the bot of BOT_TOKEN, the files another bot kept that have
// no storage copy: none for the bot that kept them; every one, with its owner, for a new bot.
func TestUnsendableListsTheFilesANewBotCannotSend(t *testing.T) {
	h := newHarness(t)
	_, _, upd := h.sendDocument(alice, "report.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	id, u := h.api.NewFileIDs()
	upd = h.api.SendPhoto(alice, []models.PhotoSize{{FileID: id, FileUniqueID: u, Width: 80, Height: 60, FileSize: 500}}, "")
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	_, _, upd = h.sendDocument(bob, "bob\tnotes.pdf", "application/pdf", 10)
	h.api.WaitForCall(t, wait, repliesTo(bob.ID, upd.Message.ID))
	h.stop()
	t.Setenv("DATABASE_URL", h.dbURL)

	unsendable := func(token string, args ...string) (string, string) {
		t.Setenv("BOT_TOKEN", token)
		var out, errs bytes.Buffer
		require.Equal(t, exitOK, runWith(append([]string{"unsendable"}, args...), nil, &out, &errs), errs.String())
		return out.String(), errs.String()
	}
	out, said := unsendable(tgtest.Token)
	assert.Empty(t, out, "the bot that kept them sends them all")
	assert.Contains(t, said, "0 files kept by another bot have no copy")

	keptBy, _, _ := strings.Cut(tgtest.Token, ":")
	out, said = unsendable(botapi.OtherToken)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3, out)
	for i, want := range []string{
		fmt.Sprintf("%d\t1\treport.pdf\tdocument\t%s", alice.ID, keptBy),
		fmt.Sprintf("%d\t2\t\tphoto\t%s", alice.ID, keptBy),
		fmt.Sprintf("%d\t3\tbob notes.pdf\tdocument\t%s", bob.ID, keptBy),
	} {
		fields := strings.Split(lines[i], "\t")
		require.Len(t, fields, 5, "owner, file id, name, kind, bot: %q", lines[i])
		if i == 1 {
			assert.True(t, strings.HasPrefix(fields[2], "photo_"), "a photo's made-up name: %q", fields[2])
			fields[2] = ""
		}
		assert.Equal(t, want, strings.Join(fields, "\t"))
	}
	assert.Contains(t, said, fmt.Sprintf("3 files kept by another bot have no copy in the storage chat: bot %d cannot send them", botapi.OtherBotID))
	t.Logf("filekeeper unsendable:\n%s%s", out, said)

	path := filepath.Join(t.TempDir(), "unsendable.txt")
	_, _ = unsendable(botapi.OtherToken, "-o", path)
	written, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, out, string(written), "-o FILE writes the same lines")
}
