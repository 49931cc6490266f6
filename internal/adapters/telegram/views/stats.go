package views

import (
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
	text := t.Stats(v, t.usageByKind(v.Usage), traffic) + "\n" + t.StatsParked(v.ParkedUpdates) + "\n" + t.StatsAccess(v.Banned, v.RateLimited)
	if v.Storage != (domain.StorageCounts{}) {
		text += "\n" + t.StorageCopies(v.Storage)
	}
	return Plain(text)
}
