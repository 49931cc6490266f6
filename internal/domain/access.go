package domain

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// AccessMode says who may use the bot.
type AccessMode string

// The access modes.
const (
	AccessOpen      AccessMode = "open"      // anyone may use the bot
	AccessAllowlist AccessMode = "allowlist" // only the allowed users and the admins
)

// AccessPolicy is who may use the bot. The zero value is an open bot without admins.
type AccessPolicy struct {
	Mode    AccessMode
	Allowed []int64 // Telegram ids let in by an allowlist
	Admins  []int64 // Telegram ids of the admins: always let in, never banned
}

// IsAdmin reports whether the user with that Telegram id is an admin.
func (p AccessPolicy) IsAdmin(telegramID int64) bool { return slices.Contains(p.Admins, telegramID) }

// Allows reports whether the user with that Telegram id may use the bot (a ban aside): anyone in
// an open bot; in an allowlist one, the allowed users and the admins.
func (p AccessPolicy) Allows(telegramID int64) bool {
	if p.Mode != AccessAllowlist {
		return true
	}
	return slices.Contains(p.Allowed, telegramID) || p.IsAdmin(telegramID)
}

// Ban keeps a user out of the bot: they are told once and nothing else; their files stay until
// an admin deletes them.
type Ban struct {
	TelegramID int64     // the banned user
	BannedBy   int64     // the Telegram id of the admin who banned them
	BannedAt   time.Time //
	// ToldAt is when the banned user was told they are banned, nil before.
	ToldAt *time.Time
}

// ErrAdminBan refuses to ban an admin (an admin is always let in).
var ErrAdminBan = errors.New("an admin cannot be banned")

// NewBan validates a ban of target by admin at at.
func NewBan(target, admin int64, at time.Time) (Ban, error) {
	if target <= 0 {
		return Ban{}, fmt.Errorf("ban %d: %w", target, ErrInvalidUser)
	}
	return Ban{TelegramID: target, BannedBy: admin, BannedAt: at}, nil
}

// RateLimit bounds the updates one user may send: at most Updates in any Window. Updates 0
// means no limit.
type RateLimit struct {
	Updates int
	Window  time.Duration
}

// On reports whether the limit limits anything.
func (l RateLimit) On() bool { return l.Updates > 0 && l.Window > 0 }

// UpdateWindow is what a rate limit remembers of one user: the updates let in over the last
// window, and when one was last dropped. The zero value is a user who sent nothing.
type UpdateWindow struct {
	admitted []admittedUpdate // oldest first; at most the limit's Updates
	lastDrop time.Time
}

type admittedUpdate struct {
	id int64
	at time.Time
}

// Admit decides on the update updateID arriving at now: let in (ok), or dropped, with warn
// true for the first drop of a flood — a drop after a whole window without one — so the user is
// told once to slow down, however long they keep on. An update let in before (one handled again
// after a failure, or delivered again) is let in again while it is in the window, uncounted.
func (w *UpdateWindow) Admit(l RateLimit, now time.Time, updateID int64) (ok, warn bool) {
	if !l.On() {
		return true, false
	}
	w.forget(l, now)
	if slices.ContainsFunc(w.admitted, func(a admittedUpdate) bool { return a.id == updateID }) {
		return true, false
	}
	if len(w.admitted) < l.Updates {
		w.admitted = append(w.admitted, admittedUpdate{id: updateID, at: now})
		return true, false
	}
	warn = w.lastDrop.IsZero() || now.Sub(w.lastDrop) >= l.Window
	w.lastDrop = now
	return false, warn
}

// forget drops the updates let in before the window ending at now.
func (w *UpdateWindow) forget(l RateLimit, now time.Time) {
	i := 0
	for i < len(w.admitted) && now.Sub(w.admitted[i].at) >= l.Window {
		i++
	}
	w.admitted = slices.Delete(w.admitted, 0, i)
}

// Idle reports whether the window remembers nothing that matters at now: no update in the
// window, no drop in it. An idle window is the zero value in effect.
func (w *UpdateWindow) Idle(l RateLimit, now time.Time) bool {
	w.forget(l, now)
	return len(w.admitted) == 0 && (w.lastDrop.IsZero() || now.Sub(w.lastDrop) >= l.Window)
}

// LimitedAt is when the window last dropped an update, the zero time if never.
func (w *UpdateWindow) LimitedAt() time.Time { return w.lastDrop }
