package views

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestRussianMainMenu(t *testing.T) {
	v := Russian.MainMenu(domain.User{FirstName: "Анна"})
	assert.Equal(t, "👋 Привет, Анна! Я File Keeper: присылайте мне файлы — я сохраню их, разложу по полочкам и верну по первому запросу.", v.Text)
	assert.Equal(t, []string{"📤 Загрузить", "📂 Мои файлы", "🔎 Поиск", "📁 Категории", "🏷 Теги", "👤 Профиль", "❓ Помощь"}, labels(v.Keyboard))
	assert.Contains(t, Russian.MainMenu(domain.User{Username: "anna_b"}).Text, "Привет, anna_b!")
	assert.Contains(t, Russian.MainMenu(domain.User{}).Text, "👋 Привет! Я File Keeper", "no name, no English “there”")
	assert.Contains(t, Russian.HelpView().Text, "/cancel — отменить начатое")
}

func TestRussianKindsMenu(t *testing.T) {
	t.Run("an empty library invites an upload", func(t *testing.T) {
		assert.Equal(t, "📭 Ваша библиотека пуста. Пришлите мне файл, и я его сохраню.", Russian.KindsMenu(app.KindCounts{}).Text)
	})
	t.Run("kinds with files, with counts, and the trash", func(t *testing.T) {
		v := Russian.KindsMenu(app.KindCounts{Total: 6, Trashed: 2, ByKind: map[domain.Kind]int{
			domain.KindPhoto: 3, domain.KindVoice: 2, domain.KindVideoNote: 1,
		}})
		assert.Equal(t, "📂 Ваши файлы: всего 6. Выберите тип:", v.Text)
		assert.Equal(t, []string{"🗂 Все (6)", "🖼 Фото (3)", "🎙 Голосовые (2)", "⏺ Кружочки (1)", "📁 По категориям", "🏷 Теги", "🗑 Корзина (2)", "🏠 Меню"}, labels(v.Keyboard))
	})
	t.Run("every kind has a Russian name", func(t *testing.T) {
		want := map[domain.Kind][3]string{
			domain.KindDocument: {"📄", "документ", "Документы"}, domain.KindPhoto: {"🖼", "фото", "Фото"},
			domain.KindVideo: {"🎬", "видео", "Видео"}, domain.KindAudio: {"🎵", "аудио", "Аудио"},
			domain.KindVoice: {"🎙", "голосовое сообщение", "Голосовые"}, domain.KindAnimation: {"🎞", "GIF", "GIF"},
			domain.KindVideoNote: {"⏺", "видеосообщение", "Кружочки"},
		}
		for _, k := range domain.Kinds {
			emoji, singular, plural := Russian.KindName(k)
			assert.Equal(t, want[k], [3]string{emoji, singular, plural}, k)
		}
	})
}

func TestRussianFileList(t *testing.T) {
	files := []domain.File{
		{ID: 9, Name: "b.pdf", Kind: domain.KindDocument, Size: 2048},
		{ID: 7, Name: "c.pdf", Kind: domain.KindDocument, Size: 1},
	}
	docs := ListRef{Filter: domain.FileFilter{Kind: domain.KindDocument}}
	retention := 30 * 24 * time.Hour
	t.Run("a kind's page is titled with the kind and counts its files", func(t *testing.T) {
		v := Russian.FileList(docs, domain.Page[domain.File]{Items: files, Prev: &domain.Cursor{ID: 9, Backward: true}, Next: &domain.Cursor{ID: 7}}, "", retention)
		assert.Equal(t, "📄 Документы — 2 файла на этой странице. Нажмите на файл, чтобы открыть его.", v.Text)
		assert.Equal(t, []string{"📄 b.pdf · 2,0 КБ", "📄 c.pdf · 1 Б", "◀ Предыдущая", "Следующая ▶", "☑ Выбрать", "⬇ Прислать все", "⬅ К типам", "🏠 Меню"}, labels(v.Keyboard))
	})
	t.Run("one file, five files", func(t *testing.T) {
		assert.Contains(t, Russian.FileList(ListRef{}, domain.Page[domain.File]{Items: files[:1]}, "", retention).Text, "🗂 Все — 1 файл на этой странице.")
		five := []domain.File{files[0], files[0], files[0], files[0], files[0]}
		assert.Contains(t, Russian.FileList(ListRef{}, domain.Page[domain.File]{Items: five}, "", retention).Text, "🗂 Все — 5 файлов на этой странице.")
	})
	t.Run("a category's and the uncategorised lists", func(t *testing.T) {
		v := Russian.FileList(ListRef{Filter: domain.FileFilter{CategoryID: 3}}, domain.Page[domain.File]{Items: files}, "Работа", retention)
		assert.Contains(t, v.Text, "📁 Работа — 2 файла на этой странице")
		assert.Equal(t, []string{"• Все типы", "📄", "🖼", "🎬", "🎵", "🎙", "🎞", "⏺"}, labels(v.Keyboard)[2:10], "a row of kinds narrows a category")
		assert.Equal(t, "◀ Назад", labels(v.Keyboard)[12])
		v = Russian.FileList(ListRef{Filter: domain.FileFilter{Uncategorised: true}}, domain.Page[domain.File]{Items: files}, "", retention)
		assert.Contains(t, v.Text, "📂 Без категории — 2 файла")
	})
	t.Run("the trash says in Russian how long it keeps files", func(t *testing.T) {
		v := Russian.FileList(ListRef{Filter: domain.FileFilter{Trashed: true}}, domain.Page[domain.File]{Items: files}, "", retention)
		assert.Equal(t, "🗑 Корзина — 2 файла на этой странице. Файлы отсюда удаляются навсегда через 30 дней.", v.Text)
	})
	t.Run("search results and none", func(t *testing.T) {
		found := ListRef{Filter: domain.FileFilter{SearchID: 4}}
		assert.Equal(t, "🔎 «отчёт» — 1 файл на этой странице. Нажмите на файл, чтобы открыть его.",
			Russian.FileList(found, domain.Page[domain.File]{Items: files[:1]}, "отчёт", 0).Text)
		assert.Equal(t, "🔎 По запросу «отчёт» ничего не нашлось.", Russian.FileList(found, domain.Page[domain.File]{}, "отчёт", 0).Text)
	})
	t.Run("an empty page says so", func(t *testing.T) {
		assert.Equal(t, "Здесь пока ничего нет.", Russian.FileList(docs, domain.Page[domain.File]{}, "", retention).Text)
	})
}

func TestRussianSaved(t *testing.T) {
	f := domain.File{Name: "a.mp3", Kind: domain.KindAudio, Size: 3 << 20}
	assert.Equal(t, "✅ Сохранено: аудио «a.mp3» (3,0 МБ).", Russian.SavedView(app.SaveFileResult{File: f}).Text)
	doc := domain.File{Name: "отчёт.pdf", Kind: domain.KindDocument, Size: 1536}
	assert.Equal(t, "✅ Сохранено: документ «отчёт.pdf» (1,5 КБ) в 📁 Работа.",
		Russian.SavedView(app.SaveFileResult{File: doc, Category: &domain.Category{Name: "Работа"}}).Text)
	assert.Equal(t, "☑️ Уже сохранено: аудио «a.mp3».", Russian.SavedView(app.SaveFileResult{File: f, AlreadySaved: true}).Text)
	assert.Equal(t, "♻ Файл «a.mp3» лежал в корзине — теперь он снова в вашей библиотеке.",
		Russian.SavedView(app.SaveFileResult{File: f, AlreadySaved: true, Restored: true}).Text)
	assert.Equal(t, []string{"📂 Мои файлы"}, labels(Russian.SavedView(app.SaveFileResult{File: f}).Keyboard))
}

func TestRussianCategories(t *testing.T) {
	t.Run("a deleted category says how many files it leaves", func(t *testing.T) {
		cases := map[int]string{
			1:  "🗑 Категория «Работа» удалена; 1 файл теперь без категории.",
			3:  "🗑 Категория «Работа» удалена; 3 файла теперь без категории.",
			5:  "🗑 Категория «Работа» удалена; 5 файлов теперь без категории.",
			11: "🗑 Категория «Работа» удалена; 11 файлов теперь без категории.",
			21: "🗑 Категория «Работа» удалена; 21 файл теперь без категории.",
			0:  "🗑 Категория «Работа» удалена.",
		}
		for n, want := range cases {
			assert.Equal(t, want, Russian.CategoryDeletedText("Работа", n))
		}
	})
	t.Run("deleting asks, with the verb agreeing", func(t *testing.T) {
		c := domain.Category{ID: 3, Name: "Работа"}
		assert.Equal(t, "Удалить категорию «Работа»? 1 файл из неё останется в библиотеке, но без категории. Саму категорию восстановить будет нельзя.", Russian.CategoryDeleteConfirm(c, 1).Text)
		assert.Equal(t, "Удалить категорию «Работа»? 3 файла из неё останутся в библиотеке, но без категории. Саму категорию восстановить будет нельзя.", Russian.CategoryDeleteConfirm(c, 3).Text)
		assert.Equal(t, "Удалить категорию «Работа»? 5 файлов из неё останутся в библиотеке, но без категории. Саму категорию восстановить будет нельзя.", Russian.CategoryDeleteConfirm(c, 5).Text)
		assert.Equal(t, "Удалить категорию «Работа»? Файлов в ней нет. Восстановить категорию будет нельзя.", Russian.CategoryDeleteConfirm(c, 0).Text)
		assert.Equal(t, []string{"🗑 Удалить, файлы оставить", "✖ Отмена"}, labels(Russian.CategoryDeleteConfirm(c, 1).Keyboard))
	})
	t.Run("a category's menu", func(t *testing.T) {
		v := Russian.CategoryMenuView(domain.Category{ID: 3, Name: "Работа"}, 22)
		assert.Equal(t, "📁 Работа — 22 файла.", v.Text)
		assert.Equal(t, []string{"📂 Открыть", "📤 Загрузить сюда", "✏ Переименовать", "🗑 Удалить", "🔗 Поделиться", "⬇ Прислать все", "📁 Категории", "🏠 Меню"}, labels(v.Keyboard))
	})
	t.Run("the list and its limit", func(t *testing.T) {
		assert.Equal(t, "📁 У вас пока нет категорий. Заведите первую, чтобы разложить файлы по-своему.", Russian.CategoriesView(app.CategoryList{}, 50).Text)
		assert.Equal(t, "📁 Ваши категории (2 из 50). Нажмите на категорию, чтобы открыть её.", Russian.CategoriesView(app.CategoryList{Total: 2}, 50).Text)
		assert.Equal(t, "У вас уже 50 категорий — это предел. Удалите какую-нибудь, чтобы освободить место.", Russian.CategoryLimit(50))
		assert.Contains(t, Russian.CategoryLimit(21), "У вас уже 21 категория —")
		assert.Contains(t, Russian.CategoryLimit(3), "У вас уже 3 категории —")
	})
}

func TestRussianFileCard(t *testing.T) {
	f := domain.File{ID: 9, Name: "отчёт.pdf", Kind: domain.KindDocument, Size: 2048, Caption: "за ноябрь",
		CreatedAt: time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC)}
	v := Russian.FileCard(app.FileDetails{File: f}, ListRef{})
	assert.Equal(t, "📄 отчёт.pdf\nТип: документ · 2,0 КБ\nКатегория: без категории\nСохранён: 23 ноября 2026, 14:05 UTC\nПодпись: за ноябрь", v.Text)
	assert.Equal(t, []string{"⬇ Получить", "✏ Переименовать", "🗂 Переместить", "🏷 Теги", "🔗 Поделиться", "🗑 Удалить", "◀ Назад"}, labels(v.Keyboard))
	v = Russian.FileCard(app.FileDetails{File: f, Category: &domain.Category{Name: "Работа"}, Tags: []domain.Tag{{Name: "отпуск"}, {Name: "2024"}}}, ListRef{})
	assert.Contains(t, v.Text, "Категория: 📁 Работа\nСохранён: 23 ноября 2026, 14:05 UTC\nТеги: #отпуск #2024\nПодпись: за ноябрь")
}

func TestRussianProfileSettingsAndLinks(t *testing.T) {
	u := domain.User{TelegramID: 42, FirstName: "Анна", LastName: "Петрова", Username: "anna", PageSize: 8, Language: domain.Russian,
		JoinedAt: time.Date(2025, time.March, 8, 10, 0, 0, 0, time.UTC)}
	t.Run("profile", func(t *testing.T) {
		v := Russian.ProfileView(app.ProfileView{User: u, Categories: 2, ActiveShares: 1, Usage: domain.Usage{
			Files: 5, Bytes: 5 << 20, ByKind: map[domain.Kind]domain.KindUsage{domain.KindPhoto: {Files: 5, Bytes: 5 << 20}},
		}})
		assert.Equal(t, "👤 Анна Петрова (@anna)\nID в Telegram: 42\nДата регистрации: 8 марта 2025\n\n"+
			"📦 5 файлов, всего 5,0 МБ\n🖼 Фото: 5 · 5,0 МБ\n📁 Категорий: 2\n🔗 Активных ссылок: 1", v.Text)
		assert.Contains(t, Russian.ProfileView(app.ProfileView{User: u}).Text, "📦 0 файлов, всего 0 Б\nпока пусто\n")
	})
	t.Run("settings", func(t *testing.T) {
		v := Russian.SettingsView(u, "")
		assert.Equal(t, "⚙ Настройки\n\nФайлов на странице: 8\nЯзык: Русский\nКатегория для новых файлов: без категории\nПорядок в списках: 🆕 Сначала новые", v.Text)
		assert.Equal(t, []string{"5", "✓ 8", "10", "15", "20", "English", "✓ Русский", "✓ 🆕 Сначала новые", "📜 Сначала старые",
			"🔤 По названию", "📦 Сначала большие", "📁 Новые файлы: без категории", "👤 Профиль", "🏠 Меню"}, labels(v.Keyboard))
		u := u
		u.Sort = domain.SortSize
		assert.Contains(t, labels(Russian.SettingsView(u, "").Keyboard), "✓ 📦 Сначала большие")
	})
	t.Run("links count their uses", func(t *testing.T) {
		url := func(token string) string { return "https://t.me/bot?start=" + token }
		v := Russian.LinksView(app.LinkList{Total: 4, Page: domain.Page[domain.ShareSummary]{Items: []domain.ShareSummary{
			{Share: domain.Share{ID: 1, Token: "a", Uses: 0}, Name: "a.pdf"},
			{Share: domain.Share{ID: 2, Token: "b", Uses: 1}, Name: "b.pdf"},
			{Share: domain.Share{ID: 3, Token: "c", Uses: 3, CategoryID: 7}, Name: "Работа"},
			{Share: domain.Share{ID: 4, Token: "d", Uses: 12}, Name: "d.pdf"},
		}}}, domain.Cursor{}, url)
		assert.Equal(t, "🔗 Ваши активные ссылки (4):\n"+
			"• a.pdf — ещё не использовали\n  https://t.me/bot?start=a\n"+
			"• b.pdf — использовали 1 раз\n  https://t.me/bot?start=b\n"+
			"• 📁 Работа — использовали 3 раза\n  https://t.me/bot?start=c\n"+
			"• d.pdf — использовали 12 раз\n  https://t.me/bot?start=d", v.Text)
		assert.Equal(t, "✖ Отозвать · 📁 Работа", labels(v.Keyboard)[4], "after the ✖ and ⚙ of the two links above")
	})
	t.Run("a shared category", func(t *testing.T) {
		v := Russian.SharedCategoryView(app.Opened{Category: &domain.Category{Name: "Работа"}, Files: []domain.File{{ID: 1, Name: "a.pdf", Kind: domain.KindDocument}, {ID: 2, Name: "b.jpg", Kind: domain.KindPhoto}}})
		assert.Equal(t, "📥 С вами поделились категорией «Работа»: 2 файла. Нажмите на файл, чтобы получить его.", v.Text)
	})
}
