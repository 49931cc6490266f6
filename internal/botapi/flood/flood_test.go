package flood_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/botapi/flood"
)

var start = time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC)

func TestAChatGetsOneMessageASecond(t *testing.T) {
	c := flood.New(flood.Limits{PerChat: 1})
	assert.Zero(t, c.Check("42", start))
	assert.Equal(t, 1, c.Check("42", start.Add(100*time.Millisecond)))
	assert.Zero(t, c.Check("43", start.Add(100*time.Millisecond)), "another chat has its own window")
	assert.Zero(t, c.Check("42", start.Add(time.Second)), "the window slid past the first")
}

func TestAGroupGetsTwentyAMinute(t *testing.T) {
	c := flood.New(flood.Limits{PerGroup: 20})
	for i := range 20 {
		assert.Zero(t, c.Check("-100123", start.Add(time.Duration(i)*time.Second)))
	}
	assert.Equal(t, 40, c.Check("-100123", start.Add(20*time.Second)), "wait until the first leaves the minute")
	assert.Zero(t, c.Check("7", start.Add(20*time.Second)), "a private chat is not a group")
}

func TestARefusedMessageIsNotCounted(t *testing.T) {
	c := flood.New(flood.Limits{Global: 2})
	assert.Zero(t, c.Check("1", start))
	assert.Zero(t, c.Check("2", start))
	for range 5 {
		assert.Equal(t, 1, c.Check("3", start.Add(500*time.Millisecond)))
	}
	assert.Zero(t, c.Check("3", start.Add(time.Second)))
}

func TestZeroLimitsAreOff(t *testing.T) {
	c := flood.New(flood.Limits{})
	for range 1000 {
		assert.Zero(t, c.Check("-1", start))
	}
}
