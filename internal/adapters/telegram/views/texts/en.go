package texts

import (
	"fmt"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var enKinds = map[domain.Kind][3]string{
	domain.KindDocument:  {"📄", "document", "Documents"},
	domain.KindPhoto:     {"🖼", "photo", "Photos"},
	domain.KindVideo:     {"🎬", "video", "Videos"},
	domain.KindAudio:     {"🎵", "audio", "Audio"},
	domain.KindVoice:     {"🎙", "voice note", "Voice notes"},
	domain.KindAnimation: {"🎞", "GIF", "GIFs"},
	domain.KindVideoNote: {"⏺", "video note", "Video notes"},
}

// en picks English plural forms.
var en = plurals{language.English}

// enFiles is a count of files: 1 file, 3 files.
func enFiles(n int) string { return en.of(n, Forms{plural.One: "%d file", plural.Other: "%d files"}) }

// enDurations name the units of a retention.
var enDurations = [...]Forms{
	days:    {plural.One: "%d day", plural.Other: "%d days"},
	hours:   {plural.One: "%d hour", plural.Other: "%d hours"},
	minutes: {plural.One: "%d minute", plural.Other: "%d minutes"},
}

// enDuration renders a retention the way people say it: 30 days, 12 hours, 45 minutes.
func enDuration(d time.Duration) string {
	n, unit := durationUnits(d)
	return en.of(n, enDurations[unit])
}

// English is the bot in English, the language of anyone whose language it does not speak.
var English = &Catalog{
	Help: "📁 File Keeper keeps your files so you can find them again.\n\n" +
		"• Send me any file — a document, photo, video, audio, voice note, GIF or video note — and I keep it, sorted by kind.\n" +
		"• 📂 My files shows them by kind or by category, newest first; tap one to get it back, rename, move, share or delete it.\n" +
		"• 📁 Categories are yours to make; 📤 Upload can put new files straight into one, until you send /done.\n" +
		"• 🏷 Tags: a file carries many (and is in one category at most). #words in a caption become its tags; 🏷 Tags on a file adds and takes them off (several at once, -tag takes one off). /tags lists them, /search #tag finds a tag's files.\n" +
		"• 🔎 Search finds files by name, caption or the channel they were forwarded from: /search words, or the button. A caption you edit in Telegram is kept.\n" +
		"• 🔗 Share gives a link to a file or a category, which can expire after a day or a week, admit 1, 5 or 10 people, and protect its files from forwarding and saving; /links lists your links, with how often they were opened, changes their limits (⚙) and revokes them.\n" +
		"• Inline mode: type @ and my name, then words, in any chat, and pick one of your files to send it there.\n" +
		"• Deleted files wait in 🗑 Trash, where you can restore them or empty the trash.\n" +
		"• 👤 /profile shows what you keep; ⚙ /settings sets files per page, language, where new files go and the order of the lists (newest, oldest, name, size).\n" +
		"• 📦 /export sends you your whole library as a list: JSON for programs, CSV for spreadsheets.\n" +
		"• The same file sent twice is kept once.\n\n" +
		"Commands: /start — main menu, /files — my files, /categories — categories, /tags — tags, /search — search, " +
		"/links — my links, /profile — profile, /settings — settings, /export — my library as a list, /done — finish an upload, " +
		"/cancel — leave what you started, /help — this text.",
	UploadAsk:         "📤 Where should new files go? Pick a category, or none.",
	UploadHint:        "📤 Send me a file — document, photo, video, audio, voice note, GIF or video note — and I'll keep it. You can send several at once.",
	LibraryEmpty:      "📭 Your library is empty. Send me a file and I'll keep it.",
	OnlyFiles:         "I keep files. Send me a document, photo, video, audio, voice note, GIF or video note, or use the menu below.",
	StickerRefused:    "Stickers can't be kept, sorry. Send me a document, photo, video, audio, voice note, GIF or video note.",
	Unsupported:       "I can't keep this kind of message. Send me a document, photo, video, audio, voice note, GIF or video note.",
	StaleButton:       "This button is out of date — here is the current state.",
	NotYourFile:       "That file isn't in your library.",
	FileGone:          "That file is no longer in your library.",
	CategoryGone:      "That category no longer exists.",
	Sending:           "Sending…",
	Internal:          "Sorry, something went wrong on my side. Please try again in a moment.",
	BadFile:           "Telegram didn't give me enough about this file to keep it. Please send it again.",
	EmptyList:         "Nothing here yet.",
	NothingToCancel:   "There's nothing to cancel.",
	RenameAsk:         "✏ Send me the new name. If you leave out the extension, I keep the old one. /cancel to stop.",
	CategoryNameAsk:   "📁 Send me the name of the new category (1–64 characters). /cancel to stop.",
	CategoryRenameAsk: "✏ Send me the new name of the category (1–64 characters). /cancel to stop.",
	AwaitingName:      "I'm waiting for a name: send it as a message, or /cancel.",
	DeleteAsk:         "🗑 Move this file to the trash? You can restore it from there.",
	PurgeAsk:          "❌ Delete this file forever? This cannot be undone.",
	Restored:          "♻ Restored.",
	PurgedForever:     "❌ Deleted forever.",
	Moved:             "🗂 Moved.",
	Undone:            "↩ Undone: the file is back.",
	CategoriesEmpty:   "📁 You have no categories yet. Make one to sort your files your way.",
	UploadEnded:       "✅ Done. Files you send from now on are saved without a category.",
	UploadNothing:     "There's no upload under way. Tap 📤 Upload to send files into a category.",
	Cancelled:         "Cancelled.",
	UploadPick:        "Pick a category:",
	NoCategory:        "none",

	BtnUpload: "📤 Upload", BtnFiles: "📂 My files", BtnHelp: "❓ Help", BtnAll: "🗂 All",
	BtnByCategory: "📁 By category", BtnTrash: "🗑 Trash", BtnUncategorised: "📂 Uncategorised",
	BtnNewCategory: "➕ New category", BtnPrev: "◀ Prev", BtnNext: "Next ▶", BtnBackToKinds: "⬅ Kinds",
	BtnMenu: "🏠 Menu", BtnBack: "◀ Back", BtnCategories: "📁 Categories", BtnCancel: "✖ Cancel",
	BtnNoCategory: "📂 No category", BtnGet: "⬇ Get", BtnRename: "✏ Rename", BtnMove: "🗂 Move",
	BtnDelete: "🗑 Delete", BtnRestore: "♻ Restore", BtnPurge: "❌ Delete forever",
	BtnYesDelete: "🗑 Yes, to the trash", BtnYesPurge: "❌ Yes, delete forever", BtnUndo: "↩ Undo",
	BtnOpenFiles: "📂 Open", BtnUploadHere: "📤 Upload here",

	Greeting: func(name string) string {
		return fmt.Sprintf("👋 Hi, %s! I'm File Keeper: send me files and I'll keep them, sorted, ready to send back.", name)
	},
	UnknownCommand: func(cmd string) string { return fmt.Sprintf("I don't know the command %s. Try /help.", cmd) },
	Saved: func(f domain.File, size string) string {
		return fmt.Sprintf("✅ Saved %s “%s” (%s).", enKinds[f.Kind][1], f.Name, size)
	},
	SavedIn: func(f domain.File, size, category string) string {
		return fmt.Sprintf("✅ Saved %s “%s” (%s) in 📁 %s.", enKinds[f.Kind][1], f.Name, size, category)
	},
	AlreadySaved: func(f domain.File) string {
		return fmt.Sprintf("☑️ Already saved: %s “%s”.", enKinds[f.Kind][1], f.Name)
	},
	RestoredOnResend: func(f domain.File) string {
		return fmt.Sprintf("♻ “%s” was in the trash: it's back in your library.", f.Name)
	},
	TooLarge: func(size, limit string) string {
		return fmt.Sprintf("This file is %s; I keep files of up to %s.", size, limit)
	},
	KindsTitle: func(total int) string { return fmt.Sprintf("📂 Your files: %d in all. Pick a kind:", total) },
	ListHeader: func(title string, shown int) string {
		return fmt.Sprintf("%s — %d on this page. Tap one to open it.", title, shown)
	},
	CategoryTitle: func(name string) string { return "📁 " + name },
	TrashHeader: func(shown int, retention time.Duration) string {
		return fmt.Sprintf("🗑 Trash — %d on this page. Files here are deleted for good after %s.", shown, enDuration(retention))
	},
	Card: func(name, kind, size, category, saved string) string {
		return fmt.Sprintf("%s\nKind: %s · %s\nCategory: %s\nSaved: %s", name, kind, size, category, saved)
	},
	CardCaption: func(caption string) string { return "\nCaption: " + caption },
	Trashed:     func(f domain.File) string { return fmt.Sprintf("🗑 “%s” is in the trash.", f.Name) },
	NameRuleTooLong: func(max int) string {
		return fmt.Sprintf("That name is too long: at most %d characters, please. Send another, or /cancel.", max)
	},
	NameRuleControlChar: "A name can't contain control characters (such as line breaks). Send another, or /cancel.",
	NameRuleEmpty:       "A name can't be empty. Send another, or /cancel.",
	CategoryExists: func(name string) string {
		return fmt.Sprintf("You already have a category “%s”. Send another name, or /cancel.", name)
	},
	CategoryLimit: func(limit int) string {
		return fmt.Sprintf("You have reached the limit of %d categories. Delete one to make room.", limit)
	},
	CategoryCreated: func(name string) string { return fmt.Sprintf("✅ Category “%s” created.", name) },
	CategoryRenamed: func(name string) string { return fmt.Sprintf("✅ The category is now “%s”.", name) },
	CategoryMenu: func(name string, files int) string {
		return fmt.Sprintf("📁 %s — %s.", name, enFiles(files))
	},
	CategoryDeleteAsk: func(name string, files int) string {
		return fmt.Sprintf("Delete the category “%s”? %s in it will stay in your library, without a category. The category itself can't be restored.", name, enFiles(files))
	},
	CategoryDeleteAskEmpty: func(name string) string {
		return fmt.Sprintf("Delete the category “%s”? It holds no files. The category can't be restored.", name)
	},
	CategoryDeletedEmpty: func(name string) string { return fmt.Sprintf("🗑 Category “%s” deleted.", name) },
	BtnYesDeleteCategory: "🗑 Delete it, keep the files",
	CategoryDeleted: func(name string, files int) string {
		return fmt.Sprintf("🗑 Category “%s” deleted; %s now without a category.", name, enFiles(files))
	},
	Categories: func(count, limit int) string {
		return fmt.Sprintf("📁 Your categories (%d of %d). Tap one to open it.", count, limit)
	},
	Renamed: func(name string) string { return fmt.Sprintf("✏ Renamed to “%s”.", name) },
	MovedTo: func(name, category string) string { return fmt.Sprintf("🗂 “%s” moved to %s.", name, category) },
	MoveAsk: func(name string) string { return fmt.Sprintf("🗂 Move “%s” to which category?", name) },
	UploadInto: func(category string) string {
		return fmt.Sprintf("📤 Send me files now: each goes into 📁 %s. Send /done when you've finished, or /cancel.", category)
	},
	CancelledFlow:          func(what string) string { return fmt.Sprintf("Cancelled: %s.", what) },
	FlowRenameFile:         func(subject string) string { return fmt.Sprintf("renaming “%s”", subject) },
	FlowRenameFileGone:     "renaming a file",
	FlowNewCategory:        "the new category",
	FlowRenameCategory:     func(subject string) string { return fmt.Sprintf("renaming the category “%s”", subject) },
	FlowRenameCategoryGone: "renaming a category",
	FlowSearch:             "the search",
	FlowUpload:             func(subject string) string { return fmt.Sprintf("the upload into %s", subject) },
	FlowUploadNoCategory:   "the upload",
	KindName:               func(k domain.Kind) (string, string, string) { n := enKinds[k]; return n[0], n[1], n[2] },
	Date:                   func(t time.Time) string { return t.UTC().Format("2 Jan 2006, 15:04 UTC") },

	SearchAsk:        "🔎 Send me words to look for in your files' names and captions. /cancel to stop.",
	QueryEmpty:       "Send me at least one word to look for.",
	LinkBroken:       "This link doesn't work: it may have been mistyped, or what it shared is gone.",
	LinkRevoked:      "This link was revoked by its owner.",
	LinksEmpty:       "🔗 You have no active links. Open a file or a category and tap 🔗 Share to make one.",
	SavedCopy:        "💾 Saved to your library.",
	AlreadyHaveIt:    "☑️ You already keep this file.",
	LinkRevokedToast: "🔗 Link revoked.",
	SettingsSaved:    "⚙ Saved.",
	NoFilesYet:       "none yet",
	BtnSearch:        "🔎 Search", BtnShare: "🔗 Share", BtnLinks: "🔗 My links", BtnRevoke: "✖ Revoke",
	BtnSaveCopy: "💾 Save to my library", BtnProfile: "👤 Profile", BtnSettings: "⚙ Settings",
	SearchHeader: func(query string, shown int) string {
		return fmt.Sprintf("🔎 “%s” — %d on this page. Tap one to open it.", query, shown)
	},
	SearchNothing: func(query string) string { return fmt.Sprintf("🔎 Nothing found for “%s”.", query) },
	QueryTooLong: func(max int) string {
		return fmt.Sprintf("That's too long to search for: at most %d characters, please.", max)
	},
	ShareLink: func(name, url string) string {
		return fmt.Sprintf("🔗 Anyone with this link gets “%s”:\n%s\n\nYou can revoke it any time in 🔗 My links.", name, url)
	},
	SharedFile: func(name string) string { return fmt.Sprintf("📥 “%s” was shared with you.", name) },
	SharedCategory: func(name string, files int) string {
		return fmt.Sprintf("📥 The category “%s” was shared with you: %s. Tap one to get it.", name, enFiles(files))
	},
	Links: func(count int) string { return fmt.Sprintf("🔗 Your active links (%d):", count) },
	LinkLine: func(name, url string, uses int) string {
		return fmt.Sprintf("• %s — %s\n  %s", name, enUsed(uses), url)
	},
	LinkLineUnused: func(name, url string) string { return fmt.Sprintf("• %s — never used\n  %s", name, url) },
	SearchGone:     "🔎 That search is no longer kept. Search again to see what matches now.",
	LinkNotOpened:  "🔗 These buttons work for whoever opened the link. Open the link again to use them.",
	LinkLimit: func(limit int) string {
		return fmt.Sprintf("🔗 You have %d active links, the most you can have. Revoke one you no longer need in 🔗 My links, then share again.", limit)
	},
	Profile: func(v app.ProfileView, kinds string) string {
		u := v.User
		return fmt.Sprintf("👤 %s\nTelegram id: %d\nJoined: %s\n\n📦 %s, %s in all\n%s\n📁 Categories: %d\n🔗 Active links: %d",
			ProfileName(u), u.TelegramID, u.JoinedAt.UTC().Format("2 Jan 2006"), enFiles(v.Usage.Files), enSize(v.Usage.Bytes), kinds, v.Categories, v.ActiveShares)
	},
	ProfileKind: func(emoji, plural string, files int, size string) string {
		return fmt.Sprintf("%s %s: %d · %s", emoji, plural, files, size)
	},
	Settings: func(pageSize int, language, category, order string) string {
		return fmt.Sprintf("⚙ Settings\n\nFiles per page: %d\nLanguage: %s\nNew files go to: %s\nLists show: %s", pageSize, language, category, order)
	},
	BtnDefaultCategory: func(name string) string { return "📁 New files go to: " + name },
	LanguageName:       languageName,
	QuotaFiles: func(limit, used int64) string {
		return fmt.Sprintf("Your library is full: you keep %d files, the limit is %d. Delete some (and empty the trash) to make room.", used, limit)
	},
	QuotaBytes: func(limit, used string) string {
		return fmt.Sprintf("This file doesn't fit: you keep %s of your %s. Delete some files (and empty the trash) to make room.", used, limit)
	},
	Stats: func(v app.StatsView, kinds string, traffic Traffic) string {
		u := v.Users
		return fmt.Sprintf("📊 File Keeper, %s\n\n👥 Users: %d — active in 24 h: %d, in 7 days: %d; blocked the bot: %d\n"+
			"📦 %s, %s in all, the trash included\n%s\n\n⚡ Updates: %.2f a second over the last minute\n🚦 429 answers in the last hour: %d",
			v.At.UTC().Format("2 Jan 2006, 15:04 UTC"), u.Total, u.ActiveDay, u.ActiveWeek, u.Blocked,
			enFiles(v.Usage.Files), enSize(v.Usage.Bytes), kinds, traffic.UpdatesPerSecond, traffic.FloodWaits)
	},

	GreetingNoName: "👋 Hi there! I'm File Keeper: send me files and I'll keep them, sorted, ready to send back.",
	ListPosition: func(number, pages, total int) string {
		return fmt.Sprintf("Page %d of %d · %s", number, pages, enFiles(total))
	},
	ListPageNumber: func(number int) string { return fmt.Sprintf("Page %d", number) },
	SearchNothingShort: func(query string) string {
		return fmt.Sprintf("🔎 Nothing found for “%s”. One or two characters match only the start of a name or caption: type more to search inside them.", query)
	},
	BtnEmptyTrash:     "🧹 Empty trash",
	BtnYesEmptyTrash:  "🧹 Yes, delete them forever",
	TrashAlreadyEmpty: "🧹 The trash is already empty.",
	EmptyTrashAsk: func(files int) string {
		return fmt.Sprintf("🧹 Delete the %s in the trash forever? This cannot be undone.", enFiles(files))
	},
	TrashEmptied: func(files int) string {
		return fmt.Sprintf("🧹 Trash emptied: %s deleted forever.", enFiles(files))
	},
	BtnExport:       "📦 Export",
	ExportPreparing: "📦 I'm putting your library together: it comes here in a moment as two files, JSON for programs and CSV for spreadsheets.",
	ExportCaption: func(files int) string {
		return fmt.Sprintf("📦 Your library: %s, the trash included.", enFiles(files))
	},
	Commands: []models.BotCommand{
		{Command: "start", Description: "Main menu"},
		{Command: "files", Description: "My files"},
		{Command: "categories", Description: "My categories"},
		{Command: "tags", Description: "My tags"},
		{Command: "search", Description: "Find a file by name or caption"},
		{Command: "profile", Description: "What I keep for you"},
		{Command: "settings", Description: "Page size, language, default category"},
		{Command: "links", Description: "My share links"},
		{Command: "export", Description: "My library as a list (JSON and CSV)"},
		{Command: "done", Description: "Finish uploading into a category"},
		{Command: "cancel", Description: "Leave what I'm doing"},
		{Command: "help", Description: "What I can do"},
	},
	SizeUnits:   enUnits,
	DecimalMark: ".",
	StatsParked: func(n int) string {
		return fmt.Sprintf("🅿️ Updates that could not be handled, kept for a replay: %d", n)
	},
	Parked:           "Sorry, something went wrong on my side and I couldn't handle this. I've kept it, so it can be tried again once the problem is fixed.",
	GroupStart:       "🔒 Your files are private: I keep and show them only in our private chat. Tap the button to open it.",
	GroupHello:       "👋 Hi! I'm File Keeper: I keep files for each of you, privately. Nothing posted here is saved — to keep your files, open a private chat with me.",
	GroupButtonToast: "Your library opens only in your private chat with me.",
	BtnOpenPrivate:   "💬 Open File Keeper",

	RenameKeepsTelegramName: "ℹ Telegram still sends it under its original name: it is larger than 20 MB, too large for a bot to upload again under a new one.",

	NameRefused:  "I can't use that name. Send another, or /cancel.",
	QueryRefused: "I can't search for that. Send me a few words to look for.",
	FileTooLarge: "This file is larger than I keep.",
	LimitReached: "You've reached a limit of your library: remove something first, then try again.",

	NotAllowed:   "🔒 Sorry, this is a private bot: only the people its owner added can use it.",
	SlowDown:     "🐢 Slow down, please: you're sending faster than I can keep up, so I'm skipping what you send for a few seconds.",
	BannedNotice: "⛔ You can't use this bot any more.",
	BanUsage:     "Send /ban or /unban with the user's Telegram id (for example /ban 123456789), or send it as a reply to a message forwarded from them.",
	BanHidden:    "That user hides their account in forwarded messages, so I can't tell who they are: send /ban with their Telegram id instead.",
	AdminBan:     "Admins can't be banned: take them out of ADMIN_IDS first.",
	BanNoFiles:   "They keep no files.",
	BtnUnban:     "↩ Unban",

	BtnBanDeleteYes: "🗑 Yes, delete them forever",
	Banned: func(who string) string {
		return fmt.Sprintf("⛔ %s is banned: they get one short answer, and nothing else.", who)
	},
	BannedAlready: func(who string) string { return fmt.Sprintf("⛔ %s was banned already.", who) },
	NotBanned:     func(who string) string { return fmt.Sprintf("%s is not banned.", who) },
	Unbanned:      func(who string) string { return fmt.Sprintf("✅ %s is unbanned: they can use the bot again.", who) },
	BanFiles: func(files int) string {
		return fmt.Sprintf("They keep %s: they stay until you delete them.", enFiles(files))
	},
	BtnBanDelete:    func(files int) string { return "🗑 Delete their " + enFiles(files) },
	BanFilesDeleted: func(files int) string { return fmt.Sprintf("🗑 Deleted for good: %s.", enFiles(files)) },
	BanDeleteAsk: func(who string, files int) string {
		return fmt.Sprintf("🗑 Delete the %s of %s for good? This cannot be undone.", enFiles(files), who)
	},
	StatsAccess: func(banned, limited int) string {
		return fmt.Sprintf("⛔ Banned users: %d\n🐢 Users over the rate limit in the last hour: %d", banned, limited)
	},
	KeptByAnotherBot: "⚠ This file was kept by another bot and has no copy, so I can't send it. Send it to me again if you still have it.",
	StorageCopies: func(c domain.StorageCounts) string {
		return fmt.Sprintf("🗄 Copies in the storage chat: %d\n⚠ Kept by another bot, with no copy: %d", c.Copied, c.Unreachable)
	},

	BtnSelect: "☑ Select", BtnSelectPage: "☑ Select the whole page", BtnUnselectPage: "☐ Unselect the whole page",
	BtnSelectDone: "✖ Done selecting", BtnSelectMove: "🗂 Move", BtnSelectDelete: "🗑 Delete",
	BtnSelectRestore: "♻️ Restore", BtnSelectSend: "📤 Send", BtnBackToList: "⬅️ Back to the list",
	SelectionExpired:   "⌛ That selection is over: it was acted on, or an hour went by. Press ☑ Select on the list to pick files again.",
	NothingSelected:    "None of the selected files is there any more: pick some on the list first.",
	BatchUndoneAlready: "↩ That was undone already.",
	SelectHint:         "Tap files to select them; the selection is kept as you turn pages.",
	SelectionHeader: func(title string, selected int) string {
		return fmt.Sprintf("☑ Selecting in %s: %s selected.", title, enFiles(selected))
	},
	SelectionFull: func(max int) string {
		return fmt.Sprintf("A selection holds at most %d files: act on these first, then select more.", max)
	},
	SelectMoveAsk:   func(files int) string { return fmt.Sprintf("🗂 Move %s to which category?", enFiles(files)) },
	BatchDeleteAsk:  func(files int) string { return fmt.Sprintf("🗑 Delete %s to the trash?", enFiles(files)) },
	BatchRestoreAsk: func(files int) string { return fmt.Sprintf("♻️ Restore %s from the trash?", enFiles(files)) },
	BatchSendAsk:    func(files int) string { return fmt.Sprintf("📤 Send %s here?", enFiles(files)) },
	BatchMoveAsk: func(files int, category string) string {
		return fmt.Sprintf("🗂 Move %s to %s?", enFiles(files), category)
	},
	BatchMoved: func(files int, category string) string {
		return fmt.Sprintf("🗂 Moved %s to %s.", enFiles(files), category)
	},
	BtnYesMove:    func(files int) string { return "🗂 Yes, move " + enFiles(files) },
	BtnYesTrash:   func(files int) string { return "🗑 Yes, delete " + enFiles(files) },
	BtnYesRestore: func(files int) string { return "♻️ Yes, restore " + enFiles(files) },
	BtnYesSend:    func(files int) string { return "📤 Yes, send " + enFiles(files) },
	BatchTrashed:  func(files int) string { return fmt.Sprintf("🗑 Deleted %s to the trash.", enFiles(files)) },
	BtnSelectTag:  "🏷 Tag", FlowTagSelection: "tagging the selected files",
	SelectTagAsk: func(files int) string {
		return fmt.Sprintf("🏷 Send the tags for the %s selected: words with or without #, several at once; put - before a tag to take it off (#trip 2024 -draft). /cancel to stop.", enFiles(files))
	},
	BatchTagged:   func(files int) string { return "🏷 Tags changed on " + enFiles(files) + "." },
	BatchTagsOn:   func(tags string) string { return "Put on: " + tags },
	BatchTagsOff:  func(tags string) string { return "Taken off: " + tags },
	BatchRestored: func(files int) string { return fmt.Sprintf("♻️ Restored %s.", enFiles(files)) },
	BatchSkipped: func(files int) string {
		return fmt.Sprintf("%s of the selection left as they were: gone, or already so.", enFiles(files))
	},
	BatchUndoDone: func(files int) string { return fmt.Sprintf("↩ Undone: %s back as they were.", enFiles(files)) },
	BatchUndoKept: func(files int) string {
		return fmt.Sprintf("%s could not be undone: changed since, or gone.", enFiles(files))
	},
	SendingFiles:     func(files int) string { return fmt.Sprintf("📤 Sending %s…", enFiles(files)) },
	LinkExpired:      "⌛ This link has expired.",
	LinkUsedUp:       "👥 This link was already opened by as many people as it allows.",
	LinkProtected:    "🔒 The owner protected these files: they can't be saved to another library.",
	LinkLimitsSaved:  "⚙ Limits saved.",
	BtnMakeLink:      "🔗 Make the link",
	BtnDay:           "⏳ 1 day",
	BtnWeek:          "⏳ 7 days",
	BtnNever:         "⏳ Never",
	BtnAnyone:        "👥 Anyone",
	BtnProtectOn:     "🔒 Protect content: on",
	BtnProtectOff:    "🔓 Protect content: off",
	LimitNever:       "⏳ Expires: never",
	LimitProtected:   "🔒 Content protected: it can't be forwarded or saved.",
	LimitUnprotected: "🔓 Content not protected.",
	BadgeExpired:     "⌛ expired",
	LinkOptionsNew: func(name string) string {
		return fmt.Sprintf("🔗 A link to “%s”. Choose its limits, then make it:", name)
	},
	LinkOptionsEdit: func(name, url string) string {
		return fmt.Sprintf("⚙ The limits of the link to “%s”:\n%s", name, url)
	},
	LimitExpires:   func(at string) string { return "⏳ Expires: " + at },
	LimitExpiredAt: func(at string) string { return "⌛ Expired: " + at },
	BadgeUntil:     func(at string) string { return "⏳ until " + at },
	LimitPeople: func(admitted, limit int) string {
		return fmt.Sprintf("👥 People: %d of %d opened it", admitted, limit)
	},
	BadgeUsedUp: func(admitted, limit int) string { return fmt.Sprintf("👥 used up (%d/%d)", admitted, limit) },
	LimitAnyone: func(admitted int) string { return fmt.Sprintf("👥 People: anyone (%d so far)", admitted) },
	OriginChannel: func(name, date string) string {
		return fmt.Sprintf("↪ Forwarded from the channel “%s”, posted %s", name, date)
	},
	OriginChat: func(name, date string) string {
		return fmt.Sprintf("↪ Forwarded from the group “%s”, posted %s", name, date)
	},
	OriginUser: func(name, date string) string { return fmt.Sprintf("↪ Forwarded from %s, sent %s", name, date) },
	OriginHiddenUser: func(name, date string) string {
		return fmt.Sprintf("↪ Forwarded from %s (hidden account), sent %s", name, date)
	},
	CaptionEdited: func(name string) string { return fmt.Sprintf("✏ The caption of “%s” is updated.", name) },
	BtnTags:       "🏷 Tags", BtnEditTags: "🏷 Tags", BtnAllKinds: "All kinds",
	TagsEmpty:        "🏷 You have no tags yet. Put #words in a file's caption, or tap 🏷 Tags on a file, to tag it.",
	TagsRefused:      "A tag is one word of letters, digits or _ (at most 32), like #work. Send the tags again, or /cancel.",
	TagsCleared:      "🏷 The file has no tags now.",
	TagGone:          "No file carries that tag any more.",
	FlowEditTagsGone: "changing the tags of a file",
	SortNewest:       "🆕 Newest first", SortOldest: "📜 Oldest first", SortName: "🔤 By name", SortSize: "📦 Largest first",
	Tags: func(shown int) string {
		return fmt.Sprintf("🏷 Your tags — %d on this page, with how many files carry each. Tap one to see its files.", shown)
	},
	TagTitle: func(name string) string { return "🏷 #" + name },
	CardTags: func(tags string) string { return "\nTags: " + tags },
	TagsAsk: func(name, tags string) string {
		return fmt.Sprintf("🏷 Send tags for “%s”: words with or without #, several at once; put - before a tag to take it off (#trip 2024 -draft). Now: %s. /cancel to stop.", name, tags)
	},
	TagsSaved: func(name, tags string) string { return fmt.Sprintf("🏷 “%s” is tagged %s.", name, tags) },
	TooManyTags: func(max int) string {
		return fmt.Sprintf("A file carries at most %d tags. Take some off (-tag) or send fewer, or /cancel.", max)
	},
	FlowEditTags: func(subject string) string { return fmt.Sprintf("changing the tags of “%s”", subject) },
	ListCount:    func(total int) string { return enFiles(total) },

	BtnSendAll:      "⬇ Send all",
	BtnSendAllStop:  "✖ Stop",
	SendAllRunning:  "⬇ Your files are already being sent: wait for them, or press ✖ Stop under that message.",
	SendAllNothing:  "There is nothing here to send.",
	SendAllOver:     "This sending has ended already.",
	SendAllProgress: func(sent, total int) string { return fmt.Sprintf("⬇ Sending %d of %d…", sent, total) },
	SendAllStopped:  func(sent, total int) string { return fmt.Sprintf("✖ Stopped: %d of %d sent.", sent, total) },
	SendAllDone:     func(sent int) string { return fmt.Sprintf("✅ Sent: %s.", enFiles(sent)) },

	AlbumRenameAsk:      "✏ Send me the album's new name.",
	AlbumGone:           "This album is gone.",
	AlbumInTrash:        "🗑 In the trash.",
	BtnAlbumGet:         "📤 Send all",
	BtnAlbumOpen:        "📚 Open album",
	FlowRenameAlbumGone: "renaming an album",
	AlbumSaved: func(title, contents, size string) string {
		return fmt.Sprintf("✅ Saved album “%s”: %s (%s).", title, contents, size)
	},
	AlbumSavedKnown: func(known int) string {
		return en.of(known, Forms{plural.One: "☑️ %d of them was saved already.", plural.Other: "☑️ %d of them were saved already."})
	},
	AlbumAlreadySaved: func(files int) string {
		return en.of(files, Forms{plural.One: "☑️ Already saved: the %d file of this album.", plural.Other: "☑️ Already saved: all %d files of this album."})
	},
	AlbumUntitled: func(date string) string { return "Album of " + date },
	SharedAlbum: func(title string, files int) string {
		return fmt.Sprintf("📥 The album “%s” was shared with you: %s.", title, enFiles(files))
	},
	SharedAlbumEmpty: "🗑 The files of this album were all deleted: there is nothing to receive.",
	AlbumCard: func(title, contents, size, saved string) string {
		return fmt.Sprintf("📚 Album “%s”\n%s · %s\nSaved: %s", title, contents, size, saved)
	},
	AlbumFiles:     enFiles,
	AlbumKindCount: func(k domain.Kind, files int) string { return en.of(files, enKindCounts[k]) },
	AlbumTrashed: func(title string, files int) string {
		return fmt.Sprintf("🗑 Album “%s” (%s) moved to the trash.", title, enFiles(files))
	},
	AlbumRenamed: func(title string) string { return fmt.Sprintf("✏ Album renamed to “%s”.", title) },
	AlbumDeleteAsk: func(title string, files int) string {
		return fmt.Sprintf("Delete album “%s” and its %s? They stay in the trash until it is emptied.", title, enFiles(files))
	},
	FlowRenameAlbum: func(subject string) string { return fmt.Sprintf("renaming album “%s”", subject) },
}

// enUnits are the units of sizes in English.
var enUnits = [6]string{"B", "KB", "MB", "GB", "TB", "PB"}

// enSize is a size in English units.
func enSize(n int64) string { return formatSize(n, enUnits, ".") }

// enUsed says how often a link was used: used once, used 3 times.
func enUsed(uses int) string {
	return en.of(uses, Forms{plural.One: "used once", plural.Other: "used %d times"})
}

// enKindCounts count files of each kind: 1 photo, 3 photos.
var enKindCounts = map[domain.Kind]Forms{
	domain.KindDocument:  {plural.One: "%d document", plural.Other: "%d documents"},
	domain.KindPhoto:     {plural.One: "%d photo", plural.Other: "%d photos"},
	domain.KindVideo:     {plural.One: "%d video", plural.Other: "%d videos"},
	domain.KindAudio:     {plural.One: "%d audio file", plural.Other: "%d audio files"},
	domain.KindVoice:     {plural.One: "%d voice note", plural.Other: "%d voice notes"},
	domain.KindAnimation: {plural.One: "%d GIF", plural.Other: "%d GIFs"},
	domain.KindVideoNote: {plural.One: "%d video note", plural.Other: "%d video notes"},
}
