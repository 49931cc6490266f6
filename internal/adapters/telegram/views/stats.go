package views

import "github.com/filekeeper/filekeeper/internal/app"

// StatsView shows an admin the whole bot: users, files per kind, and this instance's traffic.
func (t *Texts) StatsView(v app.StatsView, traffic TrafficView) View {
	text := t.Stats(v, t.usageByKind(v.Usage), traffic) + "\n" + t.StatsParked(v.ParkedUpdates) + "\n" + t.StatsAccess(v.Banned, v.RateLimited)
	if v.Storage.Copied > 0 || v.Storage.Unreachable > 0 { // nothing to say of a bot with no storage chat
		text += "\n" + t.StorageCopies(v.Storage)
	}
	return Plain(text)
}
