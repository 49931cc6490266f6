package views

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestSendAllViewCountsAndStops(t *testing.T) {
	s := domain.BulkSend{ID: 1 << 40, FileIDs: make([]int64, 120), Sent: 30, State: domain.BulkSendRunning}
	v := English.SendAllView(s)
	assert.Equal(t, "⬇ Sending 30 of 120…", v.Text)
	require.NotNil(t, v.Keyboard)
	b := v.Keyboard.InlineKeyboard[0][0]
	assert.Equal(t, "✖ Stop", b.Text)
	assert.LessOrEqual(t, len(b.CallbackData), 64)
	cb, err := DecodeCallback(b.CallbackData)
	require.NoError(t, err)
	assert.Equal(t, Callback{Action: ActSendAllStop, Number: s.ID}, cb, "✖ Stop names its send")
	assert.Equal(t, "⬇ Присылаю 30 из 120…", Russian.SendAllView(s).Text)

	s.State = domain.BulkSendStopped
	assert.Equal(t, View{Text: "✖ Stopped: 30 of 120 sent."}, English.SendAllView(s), "an ended send has no button")
	assert.Equal(t, "✖ Остановлено: прислано 30 из 120.", Russian.SendAllView(s).Text)
	s.State, s.Sent = domain.BulkSendDone, 120
	assert.Equal(t, View{Text: "✅ Sent: 120 files."}, English.SendAllView(s))
	assert.Equal(t, "✅ Прислано: 120 файлов.", Russian.SendAllView(s).Text)
}

func TestSendAllButtonTakesTheWholeList(t *testing.T) {
	for _, f := range []domain.FileFilter{{CategoryID: 1 << 40, Kind: domain.KindVideoNote}, {SearchID: 1 << 40}, {TagID: 1 << 40, Kind: domain.KindPhoto}, {Trashed: true}} {
		b := English.sendAllButton(f)
		assert.LessOrEqual(t, len(b.CallbackData), 64)
		cb, err := DecodeCallback(b.CallbackData)
		require.NoError(t, err)
		assert.Equal(t, Callback{Action: ActSendAll, List: ListRef{Filter: f}}, cb)
	}
}
