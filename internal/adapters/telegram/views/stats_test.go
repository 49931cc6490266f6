package views

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestStatsViewSaysEveryNumber(t *testing.T) {
	v := app.StatsView{
		Users: app.UserCounts{Total: 21, ActiveDay: 3, ActiveWeek: 12, Blocked: 1},
		Usage: domain.Usage{Files: 5, Bytes: 3 << 20, ByKind: map[domain.Kind]domain.KindUsage{
			domain.KindDocument: {Files: 3, Bytes: 2 << 20}, domain.KindPhoto: {Files: 1, Bytes: 1 << 20},
		}},
		At:            time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC),
		ParkedUpdates: 2,
		Banned:        3,
		RateLimited:   1,
	}
	traffic := TrafficView{UpdatesPerSecond: 2.5, FloodWaits: 4}
	assert.Equal(t, "📊 File Keeper, 23 Nov 2026, 14:05 UTC\n\n"+
		"👥 Users: 21 — active in 24 h: 3, in 7 days: 12; blocked the bot: 1\n"+
		"📦 5 files, 3.0 MB in all, the trash included\n📄 Documents: 3 · 2.0 MB\n🖼 Photos: 1 · 1.0 MB\n\n"+
		"⚡ Updates: 2.50 a second over the last minute\n🚦 429 answers in the last hour: 4\n"+
		"🅿️ Updates that could not be handled, kept for a replay: 2\n"+
		"⛔ Banned users: 3\n🐢 Users over the rate limit in the last hour: 1", English.StatsView(v, traffic).Text)
	assert.Equal(t, "📊 File Keeper, 23 ноября 2026, 14:05 UTC\n\n"+
		"👥 Пользователей: 21 — активны за сутки: 3, за неделю: 12; заблокировали бота: 1\n"+
		"📦 5 файлов, всего 3,0 МБ вместе с корзиной\n📄 Документы: 3 · 2,0 МБ\n🖼 Фото: 1 · 1,0 МБ\n\n"+
		"⚡ Обновлений: 2,50 в секунду за последнюю минуту\n🚦 Ответов 429 за последний час: 4\n"+
		"🅿️ Необработанных обновлений, сохранённых для повтора: 2\n"+
		"⛔ Заблокированных пользователей: 3\n🐢 Превысивших лимит сообщений за последний час: 1", Russian.StatsView(v, traffic).Text)
	assert.Contains(t, English.StatsView(app.StatsView{}, TrafficView{}).Text, "none yet", "no files yet")
}
