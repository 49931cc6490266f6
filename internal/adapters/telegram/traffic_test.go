package telegram

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
)

func TestTrafficCountsOverSlidingWindows(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	tr := NewTrafficAt(func() time.Time { return now })
	assert.Equal(t, views.TrafficView{}, tr.View())

	for range 30 {
		tr.noteUpdate()
	}
	tr.noteFloodWait("sendMessage", time.Second)
	now = now.Add(30 * time.Second)
	for range 30 {
		tr.noteUpdate()
	}
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 1, FloodWaits: 1}, tr.View(), "60 updates in the last minute")

	now = now.Add(45 * time.Second) // the first 30 updates are over a minute old
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 0.5, FloodWaits: 1}, tr.View())

	now = now.Add(time.Hour) // long after: a slot reused in the ring does not count its old events
	tr.noteUpdate()
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 1.0 / 60}, tr.View())

	var none *Traffic
	none.noteUpdate()
	none.noteFloodWait("sendMessage", time.Second)
	assert.Equal(t, views.TrafficView{}, none.View(), "a nil Traffic counts nothing")
}
