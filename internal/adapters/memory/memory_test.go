package memory_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest"
	"github.com/filekeeper/filekeeper/internal/app"
)

func TestRepositories(t *testing.T) {
	repotest.Run(t, func(t *testing.T) app.UnitOfWork { return memory.NewStore().UnitOfWork() }, memory.ForgeStep)
}

func TestClock(t *testing.T) {
	start := time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC)
	var _ app.Clock = memory.NewClock(start)
	tests := []struct {
		name string
		move func(c *memory.Clock)
		want time.Time
	}{
		{"a new clock shows its start", func(*memory.Clock) {}, start},
		{"advancing moves the clock forward", func(c *memory.Clock) { c.Advance(time.Hour) }, start.Add(time.Hour)},
		{"setting moves the clock anywhere", func(c *memory.Clock) { c.Set(start.AddDate(-1, 0, 0)) }, start.AddDate(-1, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := memory.NewClock(start)
			tt.move(c)
			assert.Equal(t, tt.want, c.Now())
		})
	}
}
