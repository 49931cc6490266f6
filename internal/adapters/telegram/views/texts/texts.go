// Package texts holds every word the bot says, one Catalog per language (en.go, ru.go): words
// only, no keyboards and no decisions; the views draw them.
package texts

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Catalog holds every user-facing text of one language: handlers and views take their words from
// here and never build sentences themselves, so a language is one more Catalog value.
type Catalog struct {
	Help, UploadAsk, UploadHint, LibraryEmpty, OnlyFiles, StickerRefused, Unsupported       string
	StaleButton, NotYourFile, FileGone, CategoryGone, Sending, Internal, BadFile, EmptyList string
	NothingToCancel, RenameAsk, CategoryNameAsk, CategoryRenameAsk, AwaitingName            string
	DeleteAsk, PurgeAsk, Restored, PurgedForever, Moved, Undone                             string
	CategoriesEmpty, UploadEnded, UploadNothing, Cancelled                                  string

	BtnUpload, BtnFiles, BtnHelp, BtnAll, BtnByCategory, BtnTrash, BtnUncategorised, BtnNewCategory string
	BtnPrev, BtnNext, BtnBackToKinds, BtnMenu, BtnBack, BtnCategories, BtnCancel, BtnNoCategory     string
	BtnGet, BtnRename, BtnMove, BtnDelete, BtnRestore, BtnPurge, BtnYesDelete, BtnYesPurge, BtnUndo string
	BtnOpenFiles, BtnUploadHere                                                                     string

	Greeting          func(name string) string
	UnknownCommand    func(cmd string) string
	Saved             func(f domain.File, size string) string
	SavedIn           func(f domain.File, size, category string) string
	AlreadySaved      func(f domain.File) string
	RestoredOnResend  func(f domain.File) string
	TooLarge          func(size, limit string) string
	KindsTitle        func(total int) string
	ListHeader        func(title string, shown int) string
	CategoryTitle     func(name string) string
	TrashHeader       func(shown int, retention time.Duration) string
	Card              func(name, kind, size, category, saved string) string
	CardCaption       func(caption string) string
	Trashed           func(f domain.File) string
	CategoryExists    func(name string) string
	CategoryLimit     func(limit int) string
	CategoryCreated   func(name string) string
	CategoryRenamed   func(name string) string
	CategoryMenu      func(name string, files int) string
	CategoryDeleteAsk func(name string, files int) string
	CategoryDeleted   func(name string, files int) string
	Categories        func(count, limit int) string
	Renamed           func(name string) string
	MovedTo           func(name, category string) string
	MoveAsk           func(name string) string
	UploadInto        func(category string) string
	UploadPick        string
	CancelledFlow     func(what string) string
	KindName          func(k domain.Kind) (emoji, singular, plural string)
	Date              func(t time.Time) string
	NoCategory        string

	// Find and share, profile and settings.
	SearchAsk, QueryEmpty, LinkBroken, LinkRevoked, LinksEmpty, SavedCopy, AlreadyHaveIt string
	LinkRevokedToast, SettingsSaved, NoFilesYet                                          string
	BtnSearch, BtnShare, BtnLinks, BtnRevoke, BtnSaveCopy, BtnProfile, BtnSettings       string
	// BtnExport asks for the library export; ExportPreparing says it is on its way, and
	// ExportCaption goes with its documents.
	BtnExport, ExportPreparing string
	ExportCaption              func(files int) string
	SearchHeader               func(query string, shown int) string
	SearchNothing              func(query string) string
	QueryTooLong               func(max int) string
	ShareLink                  func(name, url string) string
	SharedFile                 func(name string) string
	SharedCategory             func(name string, files int) string
	Links                      func(count int) string
	LinkLine                   func(name, url string, uses int) string
	LinkLineUnused             func(name, url string) string
	Profile                    func(v app.ProfileView, kinds string) string
	ProfileKind                func(emoji, plural string, files int, size string) string
	Settings                   func(pageSize int, language, category, order string) string
	BtnDefaultCategory         func(name string) string
	LanguageName               func(l domain.Language) string
	QuotaFiles                 func(limit, used int64) string
	QuotaBytes                 func(limit, used string) string
	// SearchGone answers a button of a search that is no longer kept (or not the user's);
	// LinkNotOpened refuses a link's button to whoever never opened the link; LinkLimit refuses a
	// link past MAX_LINKS and says what to do.
	SearchGone, LinkNotOpened string
	LinkLimit                 func(limit int) string

	// Stats is what /stats tells an admin; kinds are ProfileKind lines.
	Stats func(v app.StatsView, kinds string, traffic Traffic) string

	// One message per case: a case is picked by the shared code (FlowName, NameRule, the views),
	// never inside a language, so no language can lack one.
	GreetingNoName                                         string
	NameRuleEmpty, NameRuleControlChar                     string
	NameRuleTooLong                                        func(max int) string
	FlowRenameFile, FlowRenameCategory, FlowUpload         func(subject string) string
	FlowRenameFileGone, FlowRenameCategoryGone, FlowSearch string
	FlowNewCategory, FlowUploadNoCategory                  string
	CategoryDeleteAskEmpty, CategoryDeletedEmpty           func(name string) string
	BtnYesDeleteCategory                                   string
	ListPosition                                           func(number, pages, total int) string
	ListPageNumber                                         func(number int) string // a page of an uncounted list (a search)
	SearchNothingShort                                     func(query string) string
	BtnEmptyTrash, BtnYesEmptyTrash, TrashAlreadyEmpty     string
	EmptyTrashAsk, TrashEmptied                            func(files int) string
	Commands                                               []models.BotCommand
	// SizeUnits are B, KB, MB, GB, TB, PB; DecimalMark separates a size's decimal.
	SizeUnits   [6]string
	DecimalMark string
	// StatsParked is the /stats line on updates that could not be handled.
	StatsParked func(n int) string
	// Parked tells the sender of an update that could not be handled that it was kept.
	Parked string

	// Groups and channels: no library there, only the way to the private chat.
	GroupStart, GroupHello, GroupButtonToast, BtnOpenPrivate string

	// RenameKeepsTelegramName follows Renamed for a file too large to be uploaded again.
	RenameKeepsTelegramName string

	// Refusals of the domain that come without their details, told in general words (see the
	// adapter's failures.go): a name, a search, a file's size, a limit.
	NameRefused, QueryRefused, FileTooLarge, LimitReached string

	// Who may use the bot: a stranger to a private bot, a flood, a ban (told once), and the
	// admins' /ban and /unban. who is the user as BanSubject names them.
	NotAllowed, SlowDown, BannedNotice, BanUsage, BanHidden, AdminBan string
	BanNoFiles, BtnUnban, BtnBanDeleteYes                             string
	Banned, BannedAlready, NotBanned, Unbanned                        func(who string) string
	BanFiles, BtnBanDelete, BanFilesDeleted                           func(files int) string
	BanDeleteAsk                                                      func(who string, files int) string
	// StatsAccess is the /stats line on bans and on users over the rate limit.
	StatsAccess func(banned, limited int) string
	// The storage chat: KeptByAnotherBot answers a file the running bot cannot send (another
	// bot's, with no copy); StorageCopies is the /profile and /stats line on copies.
	KeptByAnotherBot string
	StorageCopies    func(c domain.StorageCounts) string

	// Select many: a page of toggles, the actions on the selection, a batch and its undo.
	BtnSelect, BtnSelectPage, BtnUnselectPage, BtnSelectDone, BtnSelectMove, BtnSelectDelete string
	BtnSelectRestore, BtnSelectSend, BtnBackToList, SelectionExpired, NothingSelected        string
	BatchUndoneAlready, SelectHint                                                           string
	SelectionHeader                                                                          func(title string, selected int) string
	SelectionFull                                                                            func(max int) string
	SelectMoveAsk, BatchDeleteAsk, BatchRestoreAsk, BatchSendAsk                             func(files int) string
	BatchMoveAsk, BatchMoved                                                                 func(files int, category string) string
	BtnYesMove, BtnYesTrash, BtnYesRestore, BtnYesSend                                       func(files int) string
	BatchTrashed, BatchRestored, BatchSkipped, BatchUndoDone, BatchUndoKept, SendingFiles    func(files int) string
	// Select many's 🏷 Tag: the button, the prompt for the tags, what the batch did (the tags
	// put on and taken off, as hashtags), and the flow's name.
	BtnSelectTag, FlowTagSelection string
	SelectTagAsk                   func(files int) string
	BatchTagged                    func(files int) string
	BatchTagsOn, BatchTagsOff      func(tags string) string
	// Link limits (see linklimits.go): the refusals of a link past them; the options of a new
	// link and the ⚙ settings of one made; their lines and the short badges of /links.
	LinkExpired, LinkUsedUp, LinkProtected, LinkLimitsSaved                   string
	BtnMakeLink, BtnDay, BtnWeek, BtnNever, BtnAnyone                         string
	BtnProtectOn, BtnProtectOff, LimitNever, LimitProtected, LimitUnprotected string
	BadgeExpired                                                              string
	LinkOptionsNew                                                            func(name string) string
	LinkOptionsEdit                                                           func(name, url string) string
	LimitExpires, LimitExpiredAt, BadgeUntil                                  func(at string) string
	LimitPeople, BadgeUsedUp                                                  func(admitted, limit int) string
	LimitAnyone                                                               func(admitted int) string
	// Forwarded files: where one came from, on its card, by the kind of origin; and the
	// confirmation of a caption edited in Telegram.
	OriginChannel, OriginChat, OriginUser, OriginHiddenUser func(name, date string) string
	CaptionEdited                                           func(name string) string
	// Tags (🏷, many per file) and the order of the lists. Categories are 📁: a file is in one.
	BtnTags, BtnEditTags, TagsEmpty, TagsRefused, TagsCleared, FlowEditTagsGone, BtnAllKinds string
	TagGone                                                                                  string
	SortNewest, SortOldest, SortName, SortSize                                               string
	Tags                                                                                     func(shown int) string
	TagTitle                                                                                 func(name string) string
	CardTags                                                                                 func(tags string) string
	TagsAsk                                                                                  func(name, tags string) string
	TagsSaved                                                                                func(name, tags string) string
	TooManyTags                                                                              func(max int) string
	FlowEditTags                                                                             func(subject string) string
	// ListCount says how many files the list of a page of no known number holds.
	ListCount func(total int) string

	// Albums: files sent together as one media group, kept and shown as one.
	AlbumRenameAsk, AlbumGone, AlbumInTrash, BtnAlbumGet, BtnAlbumOpen, FlowRenameAlbumGone string
	AlbumSaved                                                                              func(title, contents, size string) string
	AlbumSavedKnown                                                                         func(known int) string
	AlbumAlreadySaved                                                                       func(files int) string
	AlbumUntitled                                                                           func(date string) string
	AlbumCard                                                                               func(title, contents, size, saved string) string
	AlbumFiles                                                                              func(files int) string
	// SharedAlbum heads an opened album link's files; SharedAlbumEmpty says its files are all
	// deleted.
	SharedAlbum      func(title string, files int) string
	SharedAlbumEmpty string
	AlbumKindCount   func(k domain.Kind, files int) string
	AlbumTrashed     func(title string, files int) string
	AlbumRenamed     func(title string) string
	AlbumDeleteAsk   func(title string, files int) string
	FlowRenameAlbum  func(subject string) string

	// ⬇ Send all: a list's files sent back group after group, with one progress message.
	BtnSendAll, BtnSendAllStop, SendAllRunning, SendAllNothing, SendAllOver string
	SendAllProgress, SendAllStopped                                         func(sent, total int) string
	SendAllDone                                                             func(files int) string
}

// SortLabel names an order as the settings offer it.
func (t *Catalog) SortLabel(o domain.SortOrder) string {
	switch o.Or(domain.SortNewest) {
	case domain.SortOldest:
		return t.SortOldest
	case domain.SortName:
		return t.SortName
	case domain.SortSize:
		return t.SortSize
	}
	return t.SortNewest
}

// FlowName names the flow under way, as "Cancelled: …" says it; subject is the file or category
// it is about, "" if that is gone.
func (t *Catalog) FlowName(step domain.Step, subject string) string {
	switch {
	case step == domain.StepRenameFile && subject != "":
		return t.FlowRenameFile(subject)
	case step == domain.StepRenameFile:
		return t.FlowRenameFileGone
	case step == domain.StepNewCategory:
		return t.FlowNewCategory
	case step == domain.StepRenameCategory && subject != "":
		return t.FlowRenameCategory(subject)
	case step == domain.StepRenameCategory:
		return t.FlowRenameCategoryGone
	case step == domain.StepSearch:
		return t.FlowSearch
	case step == domain.StepEditTags && subject != "":
		return t.FlowEditTags(subject)
	case step == domain.StepEditTags:
		return t.FlowEditTagsGone
	case step == domain.StepRenameAlbum && subject != "":
		return t.FlowRenameAlbum(subject)
	case step == domain.StepRenameAlbum:
		return t.FlowRenameAlbumGone
	case step == domain.StepTagSelection:
		return t.FlowTagSelection
	case subject == "" || subject == t.NoCategory:
		return t.FlowUploadNoCategory
	}
	return t.FlowUpload(subject)
}

// NameRule explains which naming rule a name broke.
func (t *Catalog) NameRule(e *domain.NameError) string {
	switch e.Reason {
	case domain.NameTooLong:
		return t.NameRuleTooLong(e.Max)
	case domain.NameControlChar:
		return t.NameRuleControlChar
	}
	return t.NameRuleEmpty
}

// Traffic is what this instance's traffic counters say at one moment, as /stats tells it.
type Traffic struct {
	UpdatesPerSecond float64 // updates handled, on average over the last minute
	FloodWaits       int     // 429 answers in the last hour
}

// Languages is every language the bot speaks, with its texts.
var Languages = map[domain.Language]*Catalog{domain.English: English, domain.Russian: Russian}

// For is the texts of a language; English for any the bot does not speak.
func For(l domain.Language) *Catalog {
	if t, ok := Languages[l]; ok {
		return t
	}
	return English
}

// languageNames names each language in itself, so anyone can find their own.
var languageNames = map[domain.Language]string{domain.English: "English", domain.Russian: "Русский"}

func languageName(l domain.Language) string { return languageNames[l] }

// ProfileName is how the profile (and a ban card) names a user: their names, and @username if
// they have one.
func ProfileName(u domain.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if u.Username != "" {
		name += " (@" + u.Username + ")"
	}
	return name
}

// Size renders a byte count in the language's units.
func (t *Catalog) Size(n int64) string { return formatSize(n, t.SizeUnits, t.DecimalMark) }

// formatSize renders a byte count with units[0] for bytes, units[1] for KB and so on: 0 B, 999 B,
// 1.5 KB, 12 MB, 2.0 GB; mark separates the decimal.
func formatSize(n int64, units [6]string, mark string) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d %s", n, units[0])
	}
	div, exp := int64(unit), 1
	for m := n / unit; m >= unit && exp < len(units)-1; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v >= 10 {
		return fmt.Sprintf("%.0f %s", v, units[exp])
	}
	return strings.Replace(fmt.Sprintf("%.1f %s", v, units[exp]), ".", mark, 1)
}

// Forms are the forms of a word or a phrase that agree with a count, by CLDR plural category:
// English needs One and Other, Russian One, Few and Many. In a phrase, %d stands for the count.
type Forms map[plural.Form]string

// plurals picks forms by the CLDR cardinal rules of one language (golang.org/x/text), so no
// language writes its own rules.
type plurals struct{ tag language.Tag }

// of is the form of forms that agrees with n, with n in place of %d: 1 file, 5 файлов.
func (p plurals) of(n int, forms Forms) string {
	return strings.ReplaceAll(p.word(n, forms), "%d", strconv.Itoa(n))
}

// word is the form of forms that agrees with n; Other (or else Many) stands for a category the
// forms leave out.
func (p plurals) word(n int, forms Forms) string {
	if n < 0 {
		n = -n
	}
	if s, ok := forms[plural.Cardinal.MatchPlural(p.tag, n, 0, 0, 0, 0)]; ok {
		return s
	}
	if s, ok := forms[plural.Other]; ok {
		return s
	}
	return forms[plural.Many]
}

// A durationUnit is the unit a retention is said in: days, hours or minutes.
type durationUnit int

const (
	days durationUnit = iota
	hours
	minutes
)

// durationUnits splits a retention into a count of its largest sensible unit.
func durationUnits(d time.Duration) (int, durationUnit) {
	switch {
	case d >= 48*time.Hour:
		return int(d.Hours() / 24), days
	case d >= 2*time.Hour:
		return int(d.Hours()), hours
	}
	return int(d.Minutes()), minutes
}
