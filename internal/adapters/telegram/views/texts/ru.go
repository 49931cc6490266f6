package texts

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ruKinds names the kinds in Russian: emoji, singular (as in «Сохранено: документ …», «Тип:
// документ») and plural (list titles and buttons, «📄 Документы (3)»).
var ruKinds = map[domain.Kind][3]string{
	domain.KindDocument:  {"📄", "документ", "Документы"},
	domain.KindPhoto:     {"🖼", "фото", "Фото"},
	domain.KindVideo:     {"🎬", "видео", "Видео"},
	domain.KindAudio:     {"🎵", "аудио", "Аудио"},
	domain.KindVoice:     {"🎙", "голосовое сообщение", "Голосовые"},
	domain.KindAnimation: {"🎞", "GIF", "GIF"},
	domain.KindVideoNote: {"⏺", "видеосообщение", "Кружочки"},
}

// ruNoCategory stands for no category: in a file card, the settings, an upload.
const ruNoCategory = "без категории"

// ruKindList is the list of kinds the bot keeps, as said in a sentence.
const ruKindList = "документ, фото, видео, аудио, голосовое, GIF или кружочек"

// ru picks Russian plural forms: one for 1, 21, 101… (файл), few for 2–4, 22–24… (файла), many
// for 0, 5–20, 25–30, 111… (файлов).
var ru = plurals{language.Russian}

// ruFiles is a count of files: 1 файл, 3 файла, 5 файлов.
func ruFiles(n int) string {
	return ru.of(n, Forms{plural.One: "%d файл", plural.Few: "%d файла", plural.Many: "%d файлов"})
}

// ruMonths are the months in the genitive, as a date says them: 23 ноября.
var ruMonths = [...]string{
	"января", "февраля", "марта", "апреля", "мая", "июня",
	"июля", "августа", "сентября", "октября", "ноября", "декабря",
}

// ruDay is a day in Russian: 23 ноября 2026.
func ruDay(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%d %s %d", t.Day(), ruMonths[t.Month()-1], t.Year())
}

// ruDate is a moment in Russian: 23 ноября 2026, 14:05 UTC.
func ruDate(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%s, %02d:%02d UTC", ruDay(t), t.Hour(), t.Minute())
}

// ruDurations name the units of a retention, in the accusative of «через 30 дней».
var ruDurations = [...]Forms{
	days:    {plural.One: "%d день", plural.Few: "%d дня", plural.Many: "%d дней"},
	hours:   {plural.One: "%d час", plural.Few: "%d часа", plural.Many: "%d часов"},
	minutes: {plural.One: "%d минуту", plural.Few: "%d минуты", plural.Many: "%d минут"},
}

// ruDuration says a retention in Russian: 30 дней, 12 часов, 5 минут.
func ruDuration(d time.Duration) string {
	n, unit := durationUnits(d)
	return ru.of(n, ruDurations[unit])
}

// ruChars is "at most n characters" in the genitive it follows: не больше 1 символа, 64 символов.
func ruChars(n int) string {
	return ru.of(n, Forms{plural.One: "не больше %d символа", plural.Few: "не больше %d символов", plural.Many: "не больше %d символов"})
}

// Russian is the bot in Russian.
var Russian = &Catalog{
	Help: "📁 File Keeper хранит ваши файлы, чтобы их всегда можно было найти.\n\n" +
		"• Пришлите мне любой файл — " + ruKindList + ", — и я сохраню его, разложив по типам.\n" +
		"• В разделе 📂 Мои файлы они разложены по типам или по категориям, новые сверху; нажмите на файл, чтобы получить его обратно, переименовать, переместить, поделиться им или удалить.\n" +
		"• 📁 Категории вы заводите сами, а кнопкой 📤 Загрузить можно отправлять новые файлы сразу в нужную, пока не пришлёте /done.\n" +
		"• 🏷 Теги — у файла их может быть много (а категория одна): #слова в подписи становятся тегами, кнопка 🏷 Теги на карточке добавляет и снимает их (несколько сразу, -тег снимает). /tags — все теги, /search #тег — файлы тега.\n" +
		"• 🔎 Поиск находит файлы по названию, подписи или каналу, из которого их переслали: /search и слова — или кнопка. Подпись, изменённая в Telegram, сохраняется.\n" +
		"• 🔗 Поделиться — ссылка на файл или категорию; у неё может быть срок (день или неделя), предел людей (1, 5 или 10) и защита файлов от пересылки и сохранения; /links показывает ваши ссылки и сколько раз их открывали, там же можно изменить их ограничения (⚙) или отозвать.\n" +
		"• Встроенный режим: в любом чате наберите @ и моё имя, затем слова, и выберите свой файл, чтобы отправить его туда.\n" +
		"• Удалённые файлы попадают в 🗑 Корзину, откуда их можно восстановить; корзину можно и очистить.\n" +
		"• 👤 /profile показывает, что у вас хранится; ⚙ /settings — файлов на странице, язык, куда сохранять новые файлы и порядок списков (новые, старые, по названию, большие).\n" +
		"• 📦 /export присылает список всей вашей библиотеки: JSON для программ, CSV для таблиц.\n" +
		"• Один и тот же файл, присланный дважды, хранится один раз.\n\n" +
		"Команды: /start — главное меню, /files — мои файлы, /categories — категории, /tags — теги, /search — поиск, " +
		"/links — мои ссылки, /profile — профиль, /settings — настройки, /export — список библиотеки, /done — закончить загрузку, " +
		"/cancel — отменить начатое, /help — эта справка.",
	UploadAsk:         "📤 Куда сохранять новые файлы? Выберите категорию — или обойдитесь без неё.",
	UploadHint:        "📤 Пришлите мне файл — " + ruKindList + ", — и я его сохраню. Можно сразу несколько.",
	LibraryEmpty:      "📭 Ваша библиотека пуста. Пришлите мне файл, и я его сохраню.",
	OnlyFiles:         "Я храню файлы: пришлите мне " + ruKindList + ". А для всего остального есть меню ниже.",
	StickerRefused:    "Стикеры, увы, сохранить не получится. Пришлите мне " + ruKindList + ".",
	Unsupported:       "Такое сообщение я сохранить не могу. Пришлите мне " + ruKindList + ".",
	StaleButton:       "Эта кнопка устарела — вот что есть сейчас.",
	NotYourFile:       "Этого файла нет в вашей библиотеке.",
	FileGone:          "Этого файла больше нет в вашей библиотеке.",
	CategoryGone:      "Этой категории больше нет.",
	Sending:           "Отправляю…",
	Internal:          "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
	BadFile:           "Telegram сообщил об этом файле слишком мало, чтобы его сохранить. Пришлите его ещё раз, пожалуйста.",
	EmptyList:         "Здесь пока ничего нет.",
	NothingToCancel:   "Отменять нечего.",
	RenameAsk:         "✏ Пришлите новое название. Если не укажете расширение, я оставлю прежнее. /cancel — отменить.",
	CategoryNameAsk:   "📁 Пришлите название новой категории (от 1 до 64 символов). /cancel — отменить.",
	CategoryRenameAsk: "✏ Пришлите новое название категории (от 1 до 64 символов). /cancel — отменить.",
	AwaitingName:      "Я жду название: пришлите его сообщением или отправьте /cancel.",
	DeleteAsk:         "🗑 Переместить этот файл в корзину? Оттуда его можно будет восстановить.",
	PurgeAsk:          "❌ Удалить этот файл навсегда? Это нельзя будет отменить.",
	Restored:          "♻ Восстановлено.",
	PurgedForever:     "❌ Удалено навсегда.",
	Moved:             "🗂 Перемещено.",
	Undone:            "↩ Отменено: файл снова на месте.",
	CategoriesEmpty:   "📁 У вас пока нет категорий. Заведите первую, чтобы разложить файлы по-своему.",
	UploadEnded:       "✅ Готово. Файлы, которые вы пришлёте дальше, сохранятся без категории.",
	UploadNothing:     "Сейчас никакая загрузка не идёт. Нажмите 📤 Загрузить, чтобы отправлять файлы в категорию.",
	Cancelled:         "Отменено.",
	UploadPick:        "Выберите категорию:",
	NoCategory:        ruNoCategory,

	BtnUpload: "📤 Загрузить", BtnFiles: "📂 Мои файлы", BtnHelp: "❓ Помощь", BtnAll: "🗂 Все",
	BtnByCategory: "📁 По категориям", BtnTrash: "🗑 Корзина", BtnUncategorised: "📂 Без категории",
	BtnNewCategory: "➕ Новая категория", BtnPrev: "◀ Предыдущая", BtnNext: "Следующая ▶", BtnBackToKinds: "⬅ К типам",
	BtnMenu: "🏠 Меню", BtnBack: "◀ Назад", BtnCategories: "📁 Категории", BtnCancel: "✖ Отмена",
	BtnNoCategory: "📂 Без категории", BtnGet: "⬇ Получить", BtnRename: "✏ Переименовать", BtnMove: "🗂 Переместить",
	BtnDelete: "🗑 Удалить", BtnRestore: "♻ Восстановить", BtnPurge: "❌ Удалить навсегда",
	BtnYesDelete: "🗑 Да, в корзину", BtnYesPurge: "❌ Да, удалить навсегда", BtnUndo: "↩ Вернуть",
	BtnOpenFiles: "📂 Открыть", BtnUploadHere: "📤 Загрузить сюда",

	Greeting: func(name string) string {
		return fmt.Sprintf("👋 Привет, %s! Я File Keeper: присылайте мне файлы — я сохраню их, разложу по полочкам и верну по первому запросу.", name)
	},
	UnknownCommand: func(cmd string) string {
		return fmt.Sprintf("Я не знаю команды %s. Попробуйте /help.", cmd)
	},
	Saved: func(f domain.File, size string) string {
		return fmt.Sprintf("✅ Сохранено: %s «%s» (%s).", ruKinds[f.Kind][1], f.Name, size)
	},
	SavedIn: func(f domain.File, size, category string) string {
		return fmt.Sprintf("✅ Сохранено: %s «%s» (%s) в 📁 %s.", ruKinds[f.Kind][1], f.Name, size, category)
	},
	AlreadySaved: func(f domain.File) string {
		return fmt.Sprintf("☑️ Уже сохранено: %s «%s».", ruKinds[f.Kind][1], f.Name)
	},
	RestoredOnResend: func(f domain.File) string {
		return fmt.Sprintf("♻ Файл «%s» лежал в корзине — теперь он снова в вашей библиотеке.", f.Name)
	},
	TooLarge: func(size, limit string) string {
		return fmt.Sprintf("Этот файл весит %s, а я храню файлы размером до %s.", size, limit)
	},
	KindsTitle: func(total int) string {
		return fmt.Sprintf("📂 Ваши файлы: всего %d. Выберите тип:", total)
	},
	ListHeader: func(title string, shown int) string {
		return fmt.Sprintf("%s — %s на этой странице. Нажмите на файл, чтобы открыть его.", title, ruFiles(shown))
	},
	CategoryTitle: func(name string) string { return "📁 " + name },
	TrashHeader: func(shown int, retention time.Duration) string {
		return fmt.Sprintf("🗑 Корзина — %s на этой странице. Файлы отсюда удаляются навсегда через %s.", ruFiles(shown), ruDuration(retention))
	},
	Card: func(name, kind, size, category, saved string) string {
		return fmt.Sprintf("%s\nТип: %s · %s\nКатегория: %s\nСохранён: %s", name, kind, size, category, saved)
	},
	CardCaption: func(caption string) string { return "\nПодпись: " + caption },
	Trashed:     func(f domain.File) string { return fmt.Sprintf("🗑 «%s» теперь в корзине.", f.Name) },
	NameRuleTooLong: func(max int) string {
		return fmt.Sprintf("Слишком длинное название: можно %s. Пришлите другое или /cancel.", ruChars(max))
	},
	NameRuleControlChar: "В названии не может быть управляющих символов (например, переносов строки). Пришлите другое или /cancel.",
	NameRuleEmpty:       "Название не может быть пустым. Пришлите другое или /cancel.",
	CategoryExists: func(name string) string {
		return fmt.Sprintf("Категория «%s» у вас уже есть. Пришлите другое название или /cancel.", name)
	},
	CategoryLimit: func(limit int) string {
		return fmt.Sprintf("У вас уже %d %s — это предел. Удалите какую-нибудь, чтобы освободить место.",
			limit, ru.word(limit, Forms{plural.One: "категория", plural.Few: "категории", plural.Many: "категорий"}))
	},
	CategoryCreated: func(name string) string { return fmt.Sprintf("✅ Категория «%s» создана.", name) },
	CategoryRenamed: func(name string) string {
		return fmt.Sprintf("✅ Теперь категория называется «%s».", name)
	},
	CategoryMenu: func(name string, files int) string {
		return fmt.Sprintf("📁 %s — %s.", name, ruFiles(files))
	},
	CategoryDeleteAsk: func(name string, files int) string {
		return fmt.Sprintf("Удалить категорию «%s»? %s из неё %s в библиотеке, но без категории. Саму категорию восстановить будет нельзя.",
			name, ruFiles(files), ru.word(files, Forms{plural.One: "останется", plural.Few: "останутся", plural.Many: "останутся"}))
	},
	CategoryDeleteAskEmpty: func(name string) string {
		return fmt.Sprintf("Удалить категорию «%s»? Файлов в ней нет. Восстановить категорию будет нельзя.", name)
	},
	CategoryDeletedEmpty: func(name string) string { return fmt.Sprintf("🗑 Категория «%s» удалена.", name) },
	BtnYesDeleteCategory: "🗑 Удалить, файлы оставить",
	CategoryDeleted: func(name string, files int) string {
		return fmt.Sprintf("🗑 Категория «%s» удалена; %s теперь без категории.", name, ruFiles(files))
	},
	Categories: func(count, limit int) string {
		return fmt.Sprintf("📁 Ваши категории (%d из %d). Нажмите на категорию, чтобы открыть её.", count, limit)
	},
	Renamed: func(name string) string { return fmt.Sprintf("✏ Переименовано в «%s».", name) },
	MovedTo: func(name, category string) string {
		return fmt.Sprintf("🗂 Файл «%s» перемещён. Категория: %s.", name, category)
	},
	MoveAsk: func(name string) string {
		return fmt.Sprintf("🗂 В какую категорию переместить «%s»?", name)
	},
	UploadInto: func(category string) string {
		return fmt.Sprintf("📤 Присылайте файлы: каждый попадёт в 📁 %s. Когда закончите, отправьте /done (или /cancel, чтобы отменить).", category)
	},
	CancelledFlow:      func(what string) string { return fmt.Sprintf("Отменено: %s.", what) },
	FlowRenameFile:     func(subject string) string { return fmt.Sprintf("переименование «%s»", subject) },
	FlowRenameFileGone: "переименование файла",
	FlowNewCategory:    "создание новой категории",
	FlowRenameCategory: func(subject string) string {
		return fmt.Sprintf("переименование категории «%s»", subject)
	},
	FlowRenameCategoryGone: "переименование категории",
	FlowSearch:             "поиск",
	FlowUpload: func(subject string) string {
		return fmt.Sprintf("загрузка файлов в категорию «%s»", subject)
	},
	FlowUploadNoCategory: "загрузка файлов",
	KindName:             func(k domain.Kind) (string, string, string) { n := ruKinds[k]; return n[0], n[1], n[2] },
	Date:                 ruDate,

	SearchAsk:        "🔎 Пришлите слова, которые искать в названиях и подписях ваших файлов. /cancel — отменить.",
	QueryEmpty:       "Пришлите хотя бы одно слово для поиска.",
	LinkBroken:       "Эта ссылка не работает: возможно, в ней опечатка или то, чем по ней делились, уже удалено.",
	LinkRevoked:      "Владелец отозвал эту ссылку.",
	LinksEmpty:       "🔗 У вас нет активных ссылок. Откройте файл или категорию и нажмите 🔗 Поделиться, чтобы создать ссылку.",
	SavedCopy:        "💾 Сохранено в вашей библиотеке.",
	AlreadyHaveIt:    "☑️ Этот файл у вас уже есть.",
	LinkRevokedToast: "🔗 Ссылка отозвана.",
	SettingsSaved:    "⚙ Сохранено.",
	NoFilesYet:       "пока пусто",
	BtnSearch:        "🔎 Поиск", BtnShare: "🔗 Поделиться", BtnLinks: "🔗 Мои ссылки", BtnRevoke: "✖ Отозвать",
	BtnSaveCopy: "💾 Сохранить себе", BtnProfile: "👤 Профиль", BtnSettings: "⚙ Настройки",
	SearchHeader: func(query string, shown int) string {
		return fmt.Sprintf("🔎 «%s» — %s на этой странице. Нажмите на файл, чтобы открыть его.", query, ruFiles(shown))
	},
	SearchNothing: func(query string) string {
		return fmt.Sprintf("🔎 По запросу «%s» ничего не нашлось.", query)
	},
	QueryTooLong: func(max int) string {
		return fmt.Sprintf("Слишком длинный запрос: можно %s.", ruChars(max))
	},
	ShareLink: func(name, url string) string {
		return fmt.Sprintf("🔗 Любой, у кого есть эта ссылка, получит «%s»:\n%s\n\nОтозвать её можно в любой момент в разделе 🔗 Мои ссылки.", name, url)
	},
	SharedFile: func(name string) string {
		return fmt.Sprintf("📥 С вами поделились файлом «%s».", name)
	},
	SharedCategory: func(name string, files int) string {
		return fmt.Sprintf("📥 С вами поделились категорией «%s»: %s. Нажмите на файл, чтобы получить его.", name, ruFiles(files))
	},
	Links: func(count int) string { return fmt.Sprintf("🔗 Ваши активные ссылки (%d):", count) },
	LinkLine: func(name, url string, uses int) string {
		return fmt.Sprintf("• %s — %s\n  %s", name, ruUsed(uses), url)
	},
	LinkLineUnused: func(name, url string) string {
		return fmt.Sprintf("• %s — ещё не использовали\n  %s", name, url)
	},
	SearchGone:    "🔎 Этот поиск больше не хранится. Поищите снова, чтобы увидеть, что найдётся сейчас.",
	LinkNotOpened: "🔗 Эти кнопки работают у того, кто открыл ссылку. Откройте ссылку снова, чтобы ими пользоваться.",
	LinkLimit: func(limit int) string {
		return fmt.Sprintf("🔗 Активных ссылок у вас: %d — это максимум. Отзовите ненужную в 🔗 Мои ссылки и поделитесь снова.", limit)
	},
	Profile: func(v app.ProfileView, kinds string) string {
		u := v.User
		return fmt.Sprintf("👤 %s\nID в Telegram: %d\nДата регистрации: %s\n\n📦 %s, всего %s\n%s\n📁 Категорий: %d\n🔗 Активных ссылок: %d",
			ProfileName(u), u.TelegramID, ruDay(u.JoinedAt), ruFiles(v.Usage.Files), ruSize(v.Usage.Bytes), kinds, v.Categories, v.ActiveShares)
	},
	ProfileKind: func(emoji, plural string, files int, size string) string {
		return fmt.Sprintf("%s %s: %d · %s", emoji, plural, files, size)
	},
	Settings: func(pageSize int, language, category, order string) string {
		return fmt.Sprintf("⚙ Настройки\n\nФайлов на странице: %d\nЯзык: %s\nКатегория для новых файлов: %s\nПорядок в списках: %s", pageSize, language, category, order)
	},
	BtnDefaultCategory: func(name string) string { return "📁 Новые файлы: " + name },
	LanguageName:       languageName,
	QuotaFiles: func(limit, used int64) string {
		return fmt.Sprintf("Ваша библиотека заполнена: у вас %d из %d %s. Удалите ненужные (и очистите корзину), чтобы освободить место.",
			used, limit, ru.word(int(limit%100), Forms{plural.One: "файла", plural.Few: "файлов", plural.Many: "файлов"})) // the last two digits pick the form
	},
	QuotaBytes: func(limit, used string) string {
		return fmt.Sprintf("Этот файл не помещается: занято %s из %s. Удалите ненужные файлы (и очистите корзину), чтобы освободить место.", used, limit)
	},
	Stats: func(v app.StatsView, kinds string, traffic Traffic) string {
		u := v.Users
		rate := strings.Replace(fmt.Sprintf("%.2f", traffic.UpdatesPerSecond), ".", ",", 1)
		return fmt.Sprintf("📊 File Keeper, %s\n\n👥 Пользователей: %d — активны за сутки: %d, за неделю: %d; заблокировали бота: %d\n"+
			"📦 %s, всего %s вместе с корзиной\n%s\n\n⚡ Обновлений: %s в секунду за последнюю минуту\n🚦 Ответов 429 за последний час: %d",
			ruDate(v.At), u.Total, u.ActiveDay, u.ActiveWeek, u.Blocked,
			ruFiles(v.Usage.Files), ruSize(v.Usage.Bytes), kinds, rate, traffic.FloodWaits)
	},

	GreetingNoName: "👋 Привет! Я File Keeper: присылайте мне файлы — я сохраню их, разложу по полочкам и верну по первому запросу.",
	ListPosition: func(number, pages, total int) string {
		return fmt.Sprintf("Страница %d из %d · %s", number, pages, ruFiles(total))
	},
	ListPageNumber: func(number int) string { return fmt.Sprintf("Страница %d", number) },
	SearchNothingShort: func(query string) string {
		return fmt.Sprintf("🔎 По запросу «%s» ничего не нашлось. Один-два символа ищутся только в начале названия или подписи: наберите больше, чтобы искать внутри.", query)
	},
	BtnEmptyTrash:     "🧹 Очистить корзину",
	BtnYesEmptyTrash:  "🧹 Да, удалить навсегда",
	TrashAlreadyEmpty: "🧹 Корзина уже пуста.",
	EmptyTrashAsk: func(files int) string {
		return fmt.Sprintf("🧹 Удалить навсегда %s из корзины? Это нельзя будет отменить.", ruFiles(files))
	},
	TrashEmptied: func(files int) string {
		return fmt.Sprintf("🧹 Корзина очищена: %s %s навсегда.", ruFiles(files), ru.word(files, Forms{plural.One: "удалён", plural.Few: "удалено", plural.Many: "удалено"}))
	},
	BtnExport:       "📦 Экспорт",
	ExportPreparing: "📦 Собираю вашу библиотеку: через минуту пришлю её сюда двумя файлами — JSON для программ и CSV для таблиц.",
	ExportCaption: func(files int) string {
		return fmt.Sprintf("📦 Ваша библиотека: %s, вместе с корзиной.", ruFiles(files))
	},
	Commands: []models.BotCommand{
		{Command: "start", Description: "Главное меню"},
		{Command: "files", Description: "Мои файлы"},
		{Command: "categories", Description: "Мои категории"},
		{Command: "tags", Description: "Мои теги"},
		{Command: "search", Description: "Найти файл по названию или подписи"},
		{Command: "profile", Description: "Что у меня хранится"},
		{Command: "settings", Description: "Файлов на странице, язык, категория по умолчанию"},
		{Command: "links", Description: "Мои ссылки"},
		{Command: "export", Description: "Список библиотеки (JSON и CSV)"},
		{Command: "done", Description: "Закончить загрузку в категорию"},
		{Command: "cancel", Description: "Отменить начатое"},
		{Command: "help", Description: "Что я умею"},
	},
	SizeUnits:   ruUnits,
	DecimalMark: ",",
	StatsParked: func(n int) string {
		return fmt.Sprintf("🅿️ Необработанных обновлений, сохранённых для повтора: %d", n)
	},
	Parked:           "Извините, у меня что-то пошло не так, и я не смог это обработать. Я сохранил сообщение, чтобы попробовать снова, когда ошибку исправят.",
	GroupStart:       "🔒 Ваши файлы — личные: я храню и показываю их только в нашем личном чате. Нажмите кнопку, чтобы открыть его.",
	GroupHello:       "👋 Привет! Я File Keeper: храню файлы каждого из вас, лично. Ничего из опубликованного здесь я не сохраняю — чтобы хранить свои файлы, откройте личный чат со мной.",
	GroupButtonToast: "Ваша библиотека открывается только в личном чате со мной.",
	BtnOpenPrivate:   "💬 Открыть File Keeper",

	RenameKeepsTelegramName: "ℹ Telegram по-прежнему присылает его под исходным именем: файл больше 20 МБ, бот не может загрузить его заново под новым.",

	NameRefused:      "Это имя не подходит. Пришлите другое или /cancel.",
	QueryRefused:     "Так искать не получится. Пришлите несколько слов для поиска.",
	FileTooLarge:     "Этот файл больше, чем я храню.",
	KeptByAnotherBot: "⚠ Этот файл сохранил другой бот, и копии нет, поэтому отправить его я не могу. Пришлите его снова, если он у вас остался.",
	StorageCopies: func(c domain.StorageCounts) string {
		return fmt.Sprintf("🗄 Копий в чате-хранилище: %d\n⚠ Сохранены другим ботом, без копии: %d", c.Copied, c.Unreachable)
	},
	LimitReached: "Достигнут предел вашей библиотеки: сначала удалите что-нибудь, потом попробуйте снова.",

	NotAllowed:   "🔒 Извините, это частный бот: им могут пользоваться только те, кого добавил его владелец.",
	SlowDown:     "🐢 Помедленнее, пожалуйста: вы присылаете быстрее, чем я успеваю, поэтому несколько секунд я пропускаю то, что вы шлёте.",
	BannedNotice: "⛔ Вы больше не можете пользоваться этим ботом.",
	BanUsage:     "Пришлите /ban или /unban с Telegram id пользователя (например, /ban 123456789) или отправьте команду ответом на пересланное от него сообщение.",
	BanHidden:    "Этот пользователь скрывает свой аккаунт в пересланных сообщениях, и я не знаю, кто это: пришлите /ban с его Telegram id.",
	AdminBan:     "Админа нельзя заблокировать: сначала уберите его из ADMIN_IDS.",
	BanNoFiles:   "Файлов у него нет.",
	BtnUnban:     "↩ Разблокировать",

	BtnBanDeleteYes: "🗑 Да, удалить навсегда",
	Banned: func(who string) string {
		return fmt.Sprintf("⛔ %s заблокирован: он получит один короткий ответ, и больше ничего.", who)
	},
	BannedAlready: func(who string) string { return fmt.Sprintf("⛔ %s уже был заблокирован.", who) },
	NotBanned:     func(who string) string { return fmt.Sprintf("%s не заблокирован.", who) },
	Unbanned: func(who string) string {
		return fmt.Sprintf("✅ %s разблокирован: он снова может пользоваться ботом.", who)
	},
	BanFiles: func(files int) string {
		return fmt.Sprintf("У него %s: они останутся, пока вы их не удалите.", ruFiles(files))
	},
	BtnBanDelete: func(files int) string { return "🗑 Удалить его " + ruFiles(files) },
	BanFilesDeleted: func(files int) string {
		return fmt.Sprintf("🗑 Удалено навсегда: %s.", ruFiles(files))
	},
	BanDeleteAsk: func(who string, files int) string {
		return fmt.Sprintf("🗑 Удалить %s пользователя %s навсегда? Это нельзя отменить.", ruFiles(files), who)
	},
	StatsAccess: func(banned, limited int) string {
		return fmt.Sprintf("⛔ Заблокированных пользователей: %d\n🐢 Превысивших лимит сообщений за последний час: %d", banned, limited)
	},

	BtnSelect: "☑ Выбрать", BtnSelectPage: "☑ Выбрать всю страницу", BtnUnselectPage: "☐ Снять выбор со страницы",
	BtnSelectDone: "✖ Закончить выбор", BtnSelectMove: "🗂 Переместить", BtnSelectDelete: "🗑 Удалить",
	BtnSelectRestore: "♻️ Восстановить", BtnSelectSend: "📤 Прислать", BtnBackToList: "⬅️ К списку",
	SelectionExpired:   "⌛ Этот выбор закончен: с ним уже что-то сделали, или прошёл час. Нажмите ☑ Выбрать в списке, чтобы выбрать файлы заново.",
	NothingSelected:    "Ни одного из выбранных файлов уже нет: сначала выберите файлы в списке.",
	BatchUndoneAlready: "↩ Это уже отменено.",
	SelectHint:         "Нажимайте на файлы, чтобы выбрать их; выбор сохраняется при листании страниц.",
	SelectionHeader: func(title string, selected int) string {
		return fmt.Sprintf("☑ Выбор в разделе %s: выбрано %s.", title, ruFiles(selected))
	},
	SelectionFull: func(max int) string {
		return fmt.Sprintf("В выборе не больше %d файлов: сначала сделайте что-нибудь с этими, потом выберите ещё.", max)
	},
	SelectMoveAsk: func(files int) string {
		return fmt.Sprintf("🗂 В какую категорию переместить %s?", ruFiles(files))
	},
	BatchDeleteAsk: func(files int) string {
		return fmt.Sprintf("🗑 Удалить %s в корзину?", ruFiles(files))
	},
	BatchRestoreAsk: func(files int) string {
		return fmt.Sprintf("♻️ Восстановить %s из корзины?", ruFiles(files))
	},
	BatchSendAsk: func(files int) string { return fmt.Sprintf("📤 Прислать сюда %s?", ruFiles(files)) },
	BatchMoveAsk: func(files int, category string) string {
		return fmt.Sprintf("🗂 Переместить %s в %s?", ruFiles(files), category)
	},
	BatchMoved: func(files int, category string) string {
		return fmt.Sprintf("🗂 Перемещено в %s: %s.", category, ruFiles(files))
	},
	BtnYesMove:    func(files int) string { return "🗂 Да, переместить " + ruFiles(files) },
	BtnYesTrash:   func(files int) string { return "🗑 Да, удалить " + ruFiles(files) },
	BtnYesRestore: func(files int) string { return "♻️ Да, восстановить " + ruFiles(files) },
	BtnYesSend:    func(files int) string { return "📤 Да, прислать " + ruFiles(files) },
	BatchTrashed:  func(files int) string { return fmt.Sprintf("🗑 В корзину: %s.", ruFiles(files)) },
	BtnSelectTag:  "🏷 Теги", FlowTagSelection: "теги выбранных файлов",
	SelectTagAsk: func(files int) string {
		return fmt.Sprintf("🏷 Пришлите теги для выбранных (%s): слова с # или без, можно несколько сразу; минус перед тегом снимает его (#отпуск 2024 -черновик). /cancel — отменить.", ruFiles(files))
	},
	BatchTagged:   func(files int) string { return "🏷 Теги изменены: " + ruFiles(files) + "." },
	BatchTagsOn:   func(tags string) string { return "Добавлены: " + tags },
	BatchTagsOff:  func(tags string) string { return "Сняты: " + tags },
	BatchRestored: func(files int) string { return fmt.Sprintf("♻️ Восстановлено: %s.", ruFiles(files)) },
	BatchSkipped: func(files int) string {
		return fmt.Sprintf("Из выбора не тронуто: %s (их уже нет или они уже такие).", ruFiles(files))
	},
	BatchUndoDone: func(files int) string {
		return fmt.Sprintf("↩ Отменено: %s снова как были.", ruFiles(files))
	},
	BatchUndoKept: func(files int) string {
		return fmt.Sprintf("Не удалось вернуть: %s (изменились с тех пор или удалены).", ruFiles(files))
	},
	SendingFiles:     func(files int) string { return fmt.Sprintf("📤 Присылаю %s…", ruFiles(files)) },
	LinkExpired:      "⌛ Срок действия этой ссылки истёк.",
	LinkUsedUp:       "👥 Эту ссылку уже открыло столько людей, сколько она допускает.",
	LinkProtected:    "🔒 Владелец защитил эти файлы: сохранить их в другую библиотеку нельзя.",
	LinkLimitsSaved:  "⚙ Ограничения сохранены.",
	BtnMakeLink:      "🔗 Создать ссылку",
	BtnDay:           "⏳ 1 день",
	BtnWeek:          "⏳ 7 дней",
	BtnNever:         "⏳ Бессрочно",
	BtnAnyone:        "👥 Все",
	BtnProtectOn:     "🔒 Защита содержимого: вкл.",
	BtnProtectOff:    "🔓 Защита содержимого: выкл.",
	LimitNever:       "⏳ Срок: бессрочно",
	LimitProtected:   "🔒 Содержимое защищено: его нельзя переслать или сохранить.",
	LimitUnprotected: "🔓 Содержимое не защищено.",
	BadgeExpired:     "⌛ истекла",
	LinkOptionsNew: func(name string) string {
		return fmt.Sprintf("🔗 Ссылка на «%s». Выберите ограничения и создайте её:", name)
	},
	LinkOptionsEdit: func(name, url string) string {
		return fmt.Sprintf("⚙ Ограничения ссылки на «%s»:\n%s", name, url)
	},
	LimitExpires:   func(at string) string { return "⏳ Действует до: " + at },
	LimitExpiredAt: func(at string) string { return "⌛ Истекла: " + at },
	BadgeUntil:     func(at string) string { return "⏳ до " + at },
	LimitPeople: func(admitted, limit int) string {
		return fmt.Sprintf("👥 Люди: открыли %d из %d", admitted, limit)
	},
	BadgeUsedUp: func(admitted, limit int) string {
		return fmt.Sprintf("👥 исчерпана (%d/%d)", admitted, limit)
	},
	LimitAnyone: func(admitted int) string {
		return fmt.Sprintf("👥 Люди: все (пока открыли %d)", admitted)
	},
	OriginChannel: func(name, date string) string {
		return fmt.Sprintf("↪ Переслано из канала «%s», опубликовано %s", name, date)
	},
	OriginChat: func(name, date string) string {
		return fmt.Sprintf("↪ Переслано из группы «%s», опубликовано %s", name, date)
	},
	OriginUser: func(name, date string) string {
		return fmt.Sprintf("↪ Переслано от %s, отправлено %s", name, date)
	},
	OriginHiddenUser: func(name, date string) string {
		return fmt.Sprintf("↪ Переслано от %s (скрытый аккаунт), отправлено %s", name, date)
	},
	CaptionEdited: func(name string) string { return fmt.Sprintf("✏ Подпись «%s» обновлена.", name) },
	BtnTags:       "🏷 Теги", BtnEditTags: "🏷 Теги", BtnAllKinds: "Все типы",
	TagsEmpty:        "🏷 Тегов пока нет. Добавьте #слова в подпись к файлу или нажмите 🏷 Теги на карточке файла.",
	TagsRefused:      "Тег — одно слово из букв, цифр или _ (до 32 символов), например #работа. Пришлите теги ещё раз или /cancel.",
	TagsCleared:      "🏷 У файла больше нет тегов.",
	TagGone:          "Этого тега больше нет ни у одного файла.",
	FlowEditTagsGone: "изменение тегов файла",
	SortNewest:       "🆕 Сначала новые", SortOldest: "📜 Сначала старые", SortName: "🔤 По названию", SortSize: "📦 Сначала большие",
	Tags: func(shown int) string {
		return fmt.Sprintf("🏷 Ваши теги — %d на этой странице, у каждого число файлов. Нажмите на тег, чтобы увидеть его файлы.", shown)
	},
	TagTitle: func(name string) string { return "🏷 #" + name },
	CardTags: func(tags string) string { return "\nТеги: " + tags },
	TagsAsk: func(name, tags string) string {
		return fmt.Sprintf("🏷 Пришлите теги для «%s»: слова с # или без, можно несколько сразу; минус перед тегом снимает его (#отпуск 2024 -черновик). Сейчас: %s. /cancel — отменить.", name, tags)
	},
	TagsSaved: func(name, tags string) string { return fmt.Sprintf("🏷 Теги «%s»: %s.", name, tags) },
	TooManyTags: func(max int) string {
		return fmt.Sprintf("У файла может быть не больше %d тегов. Снимите лишние (-тег) или пришлите меньше, или /cancel.", max)
	},
	FlowEditTags: func(subject string) string { return fmt.Sprintf("изменение тегов «%s»", subject) },
	ListCount:    func(total int) string { return ruFiles(total) },

	BtnSendAll:      "⬇ Прислать все",
	BtnSendAllStop:  "✖ Остановить",
	SendAllRunning:  "⬇ Ваши файлы уже отправляются: дождитесь их или нажмите ✖ Остановить под тем сообщением.",
	SendAllNothing:  "Здесь нечего присылать.",
	SendAllOver:     "Эта отправка уже закончилась.",
	SendAllProgress: func(sent, total int) string { return fmt.Sprintf("⬇ Присылаю %d из %d…", sent, total) },
	SendAllStopped: func(sent, total int) string {
		return fmt.Sprintf("✖ Остановлено: прислано %d из %d.", sent, total)
	},
	SendAllDone: func(sent int) string { return fmt.Sprintf("✅ Прислано: %s.", ruFiles(sent)) },

	AlbumRenameAsk:      "✏ Пришлите новое название альбома.",
	AlbumGone:           "Этого альбома больше нет.",
	AlbumInTrash:        "🗑 В корзине.",
	BtnAlbumGet:         "📤 Прислать все",
	BtnAlbumOpen:        "📚 Открыть альбом",
	FlowRenameAlbumGone: "переименование альбома",
	AlbumSaved: func(title, contents, size string) string {
		return fmt.Sprintf("✅ Сохранён альбом «%s»: %s (%s).", title, contents, size)
	},
	AlbumSavedKnown: func(known int) string {
		return ru.of(known, Forms{plural.One: "☑️ %d из них уже был сохранён.", plural.Few: "☑️ %d из них уже были сохранены.", plural.Many: "☑️ %d из них уже были сохранены."})
	},
	AlbumAlreadySaved: func(files int) string {
		return ru.of(files, Forms{plural.One: "☑️ Уже сохранено: %d файл этого альбома.", plural.Few: "☑️ Уже сохранены все %d файла этого альбома.", plural.Many: "☑️ Уже сохранены все %d файлов этого альбома."})
	},
	AlbumUntitled: func(date string) string { return "Альбом от " + date },
	SharedAlbum: func(title string, files int) string {
		return fmt.Sprintf("📥 С вами поделились альбомом «%s»: %s.", title, ruFiles(files))
	},
	SharedAlbumEmpty: "🗑 Все файлы этого альбома удалены — получать нечего.",
	AlbumCard: func(title, contents, size, saved string) string {
		return fmt.Sprintf("📚 Альбом «%s»\n%s · %s\nСохранён: %s", title, contents, size, saved)
	},
	AlbumFiles:     ruFiles,
	AlbumKindCount: func(k domain.Kind, files int) string { return ru.of(files, ruKindCounts[k]) },
	AlbumTrashed: func(title string, files int) string {
		return fmt.Sprintf("🗑 Альбом «%s» (%s) перемещён в корзину.", title, ruFiles(files))
	},
	AlbumRenamed: func(title string) string {
		return fmt.Sprintf("✏ Альбом переименован в «%s».", title)
	},
	AlbumDeleteAsk: func(title string, files int) string {
		return fmt.Sprintf("Удалить альбом «%s» (%s)? Файлы останутся в корзине, пока её не очистят.", title, ruFiles(files))
	},
	FlowRenameAlbum: func(subject string) string {
		return fmt.Sprintf("переименование альбома «%s»", subject)
	},
}

// ruUnits are the units of sizes in Russian: Б, КБ, МБ…
var ruUnits = [6]string{"Б", "КБ", "МБ", "ГБ", "ТБ", "ПБ"}

// ruSize is a size in Russian units, with a decimal comma: 1,5 МБ.
func ruSize(n int64) string { return formatSize(n, ruUnits, ",") }

// ruUsed says how often a link was used: использовали 1 раз, 3 раза.
func ruUsed(uses int) string {
	return ru.of(uses, Forms{plural.One: "использовали %d раз", plural.Few: "использовали %d раза", plural.Many: "использовали %d раз"})
}

// ruKindCounts count files of each kind: 1 документ, 3 документа, 5 документов.
var ruKindCounts = map[domain.Kind]Forms{
	domain.KindDocument:  {plural.One: "%d документ", plural.Few: "%d документа", plural.Many: "%d документов"},
	domain.KindPhoto:     {plural.One: "%d фото", plural.Few: "%d фото", plural.Many: "%d фото"},
	domain.KindVideo:     {plural.One: "%d видео", plural.Few: "%d видео", plural.Many: "%d видео"},
	domain.KindAudio:     {plural.One: "%d аудиофайл", plural.Few: "%d аудиофайла", plural.Many: "%d аудиофайлов"},
	domain.KindVoice:     {plural.One: "%d голосовое", plural.Few: "%d голосовых", plural.Many: "%d голосовых"},
	domain.KindAnimation: {plural.One: "%d гифка", plural.Few: "%d гифки", plural.Many: "%d гифок"},
	domain.KindVideoNote: {plural.One: "%d кружочек", plural.Few: "%d кружочка", plural.Many: "%d кружочков"},
}
