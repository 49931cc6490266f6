package views

import (
	"strings"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// TrafficView is what this instance's traffic counters say at one moment.
type TrafficView struct {
	UpdatesPerSecond float64 // updates handled, on average over the last minute
	FloodWaits       int     // 429 answers in the last hour
}

// StatsView shows an admin the whole bot: users, files per kind, and this instance's traffic.
func (t *Texts) StatsView(v app.StatsView, traffic TrafficView) View {
	var kinds []string
	for _, k := range domain.Kinds {
		u, ok := v.Usage.ByKind[k]
		if !ok || u.Files == 0 {
			continue
		}
		emoji, _, plural := t.KindName(k)
		kinds = append(kinds, t.ProfileKind(emoji, plural, u.Files, t.Size(u.Bytes)))
	}
	if len(kinds) == 0 {
		kinds = append(kinds, t.NoFilesYet)
	}
	return Plain(t.Stats(v, strings.Join(kinds, "\n"), traffic) + "\n" + t.StatsParked(v.ParkedUpdates))
}
