package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestAccessPolicy(t *testing.T) {
	open := domain.AccessPolicy{Mode: domain.AccessOpen, Admins: []int64{1}}
	private := domain.AccessPolicy{Mode: domain.AccessAllowlist, Allowed: []int64{2}, Admins: []int64{1}}
	assert.True(t, open.Allows(99), "an open bot lets in anyone")
	assert.True(t, domain.AccessPolicy{}.Allows(99), "the zero policy is an open bot")
	assert.True(t, private.Allows(2), "the allowed")
	assert.True(t, private.Allows(1), "an admin, not listed as allowed")
	assert.False(t, private.Allows(99), "a stranger")
	assert.True(t, private.IsAdmin(1))
	assert.False(t, private.IsAdmin(2))
}

func TestNewBan(t *testing.T) {
	at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	b, err := domain.NewBan(66, 1, at)
	require.NoError(t, err)
	assert.Equal(t, domain.Ban{TelegramID: 66, BannedBy: 1, BannedAt: at}, b)
	_, err = domain.NewBan(0, 1, at)
	assert.ErrorIs(t, err, domain.ErrInvalidUser)
	_, err = domain.NewBan(-100123, 1, at)
	assert.ErrorIs(t, err, domain.ErrInvalidUser, "a group is not a user")
}

func TestUpdateWindow(t *testing.T) {
	limit := domain.RateLimit{Updates: 2, Window: 10 * time.Second}
	t0 := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)

	t.Run("the limit lets in its updates, then drops, warning once", func(t *testing.T) {
		var w domain.UpdateWindow
		type verdict struct{ ok, warn bool }
		var got []verdict
		for id := int64(1); id <= 5; id++ {
			ok, warn := w.Admit(limit, t0, id)
			got = append(got, verdict{ok, warn})
		}
		assert.Equal(t, []verdict{{true, false}, {true, false}, {false, true}, {false, false}, {false, false}}, got)
		assert.Equal(t, t0, w.LimitedAt())
	})
	t.Run("an update is let in again once the window passed the oldest", func(t *testing.T) {
		var w domain.UpdateWindow
		w.Admit(limit, t0, 1)
		w.Admit(limit, t0.Add(5*time.Second), 2)
		ok, _ := w.Admit(limit, t0.Add(9*time.Second), 3)
		assert.False(t, ok)
		ok, _ = w.Admit(limit, t0.Add(10*time.Second), 4)
		assert.True(t, ok, "the first left the window")
	})
	t.Run("idle once a window passed without an update or a drop", func(t *testing.T) {
		var w domain.UpdateWindow
		assert.True(t, w.Idle(limit, t0), "the zero window")
		w.Admit(limit, t0, 1)
		w.Admit(limit, t0, 2)
		w.Admit(limit, t0.Add(time.Second), 3) // dropped
		assert.False(t, w.Idle(limit, t0.Add(10*time.Second)), "the drop is a second younger")
		assert.True(t, w.Idle(limit, t0.Add(11*time.Second)))
	})
	t.Run("no limit lets everything in", func(t *testing.T) {
		var w domain.UpdateWindow
		for id := int64(1); id <= 100; id++ {
			ok, warn := w.Admit(domain.RateLimit{}, t0, id)
			require.True(t, ok)
			require.False(t, warn)
		}
		assert.False(t, domain.RateLimit{Updates: 5}.On(), "a limit without a window limits nothing")
	})
}
