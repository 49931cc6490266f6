package httpserver

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestEveryIntervalLetsOneEventThroughAndCountsTheRest(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	e := newEveryInterval(time.Minute, func() time.Time { return now })
	n, ok := e.allow()
	assert.True(t, ok)
	assert.Zero(t, n)
	for range 3 {
		_, ok = e.allow()
		assert.False(t, ok)
	}
	now = now.Add(time.Minute)
	n, ok = e.allow()
	assert.True(t, ok)
	assert.Equal(t, 3, n, "the next line says how many were not logged")
}
