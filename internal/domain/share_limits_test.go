package domain_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestShareLimits(t *testing.T) {
	now := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)
	l, err := domain.NewShareLimits(now, 24*time.Hour, 5, true)
	require.NoError(t, err)
	require.NotNil(t, l.ExpiresAt)
	assert.Equal(t, domain.ShareLimits{ExpiresAt: l.ExpiresAt, MaxViewers: 5, Protect: true}, l)
	assert.Equal(t, now.Add(24*time.Hour), *l.ExpiresAt)

	never, err := domain.NewShareLimits(now, 0, 0, false)
	require.NoError(t, err)
	assert.Equal(t, domain.ShareLimits{}, never, "no expiry, anyone, unprotected")

	for name, bad := range map[string]func() (domain.ShareLimits, error){
		"a negative expiry": func() (domain.ShareLimits, error) { return domain.NewShareLimits(now, -time.Second, 0, false) },
		"an expiry past the bound": func() (domain.ShareLimits, error) {
			return domain.NewShareLimits(now, domain.MaxShareExpiry+1, 0, false)
		},
		"negative people": func() (domain.ShareLimits, error) { return domain.NewShareLimits(now, 0, -1, false) },
		"more people than the bound": func() (domain.ShareLimits, error) {
			return domain.NewShareLimits(now, 0, domain.MaxShareViewers+1, false)
		},
	} {
		t.Run(name+" is refused", func(t *testing.T) {
			_, err := bad()
			assert.ErrorIs(t, err, domain.ErrInvalidSettings)
		})
	}

	s := domain.Share{ID: 1, Limits: l}
	assert.NoError(t, s.Usable(now))
	assert.False(t, s.Expired(now.Add(24*time.Hour-time.Nanosecond)))
	assert.ErrorIs(t, s.Usable(now.Add(24*time.Hour)), domain.ErrLinkExpired, "it ends at its expiry")
	revoked := s
	revoked.RevokedAt = &now
	assert.ErrorIs(t, revoked.Usable(now), domain.ErrRevoked, "revoked says so before expired")

	assert.False(t, domain.Share{Viewers: 4, Limits: domain.ShareLimits{MaxViewers: 5}}.Full())
	assert.True(t, domain.Share{Viewers: 5, Limits: domain.ShareLimits{MaxViewers: 5}}.Full())
	assert.False(t, domain.Share{Viewers: 500}.Full(), "no limit is never full")
}

func TestAForwardedFileKeepsItsOrigin(t *testing.T) {
	now := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)
	posted := time.Date(2026, time.February, 1, 8, 0, 0, 0, time.FixedZone("MSK", 3*3600))
	in := domain.IncomingFile{TelegramFileID: "id", UniqueID: "u", Name: "a.pdf", Carrier: domain.KindDocument}
	tests := []struct {
		name   string
		origin domain.Origin
		want   domain.Origin
	}{
		{"a channel's post keeps its title and date, in UTC", domain.Origin{Kind: domain.OriginChannel, Name: " Go News (@gonews) ", Date: posted},
			domain.Origin{Kind: domain.OriginChannel, Name: "Go News (@gonews)", Date: posted.UTC()}},
		{"a name too long is cut", domain.Origin{Kind: domain.OriginUser, Name: strings.Repeat("я", domain.MaxOriginNameLen+5), Date: posted},
			domain.Origin{Kind: domain.OriginUser, Name: strings.Repeat("я", domain.MaxOriginNameLen), Date: posted.UTC()}},
		{"an unknown kind is no origin", domain.Origin{Kind: "bot", Name: "x", Date: posted}, domain.Origin{}},
		{"a file not forwarded has none", domain.Origin{}, domain.Origin{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in.Origin = tt.origin
			f, err := domain.NewFile(7, in, now)
			require.NoError(t, err)
			assert.Equal(t, tt.want, f.Origin)
			assert.Equal(t, tt.want.Kind != "", f.Origin.Forwarded())
		})
	}
}
