package telegram

import (
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Texts holds every user-facing text of one language: handlers and views take their words from
// here and never build sentences themselves, so a language is one more Texts value.
type Texts struct {
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
	Saved             func(f domain.File, size string, category *domain.Category) string
	AlreadySaved      func(f domain.File) string
	RestoredOnResend  func(f domain.File) string
	TooLarge          func(size, limit string) string
	KindsTitle        func(total int) string
	ListHeader        func(title string, shown int) string
	CategoryTitle     func(name string) string
	TrashHeader       func(shown int, retention time.Duration) string
	Card              func(f domain.File, kind, size, category, saved string) string
	Trashed           func(f domain.File) string
	NameRule          func(e *domain.NameError) string
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
	FlowName          func(step domain.Step, subject string) string
	KindName          func(k domain.Kind) (emoji, singular, plural string)
	Date              func(t time.Time) string
	NoCategory        string

	// Find and share, profile and settings.
	SearchAsk, QueryEmpty, LinkBroken, LinkRevoked, LinksEmpty, SavedCopy, AlreadyHaveIt string
	LinkRevokedToast, SettingsSaved, NoFilesYet                                          string
	BtnSearch, BtnShare, BtnLinks, BtnRevoke, BtnSaveCopy, BtnProfile, BtnSettings       string
	SearchHeader                                                                         func(query string, shown int) string
	SearchNothing                                                                        func(query string) string
	QueryTooLong                                                                         func(max int) string
	ShareLink                                                                            func(name, url string) string
	SharedFile                                                                           func(name string) string
	SharedCategory                                                                       func(name string, files int) string
	Links                                                                                func(count int) string
	LinkLine                                                                             func(name, url string, uses int) string
	Profile                                                                              func(v app.ProfileView, kinds string) string
	ProfileKind                                                                          func(emoji, plural string, files int, size string) string
	Settings                                                                             func(pageSize int, language, category string) string
	BtnDefaultCategory                                                                   func(name string) string
	LanguageName                                                                         func(l domain.Language) string
	QuotaFiles                                                                           func(limit, used int64) string
	QuotaBytes                                                                           func(limit, used string) string

	// Stats is what /stats tells an admin; kinds are ProfileKind lines.
	Stats func(v app.StatsView, kinds string, traffic TrafficView) string

	// Groups and channels: no library there, only the way to the private chat.
	GroupStart, GroupHello, GroupButtonToast, BtnOpenPrivate string

	// RenameKeepsTelegramName follows Renamed for a file too large to be uploaded again.
	RenameKeepsTelegramName string
}

// humanSize renders a byte count the way people read it: 0 B, 999 B, 1.5 KB, 12 MB, 2.0 GB.
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v >= 10 {
		return fmt.Sprintf("%.0f %cB", v, "KMGTP"[exp])
	}
	return fmt.Sprintf("%.1f %cB", v, "KMGTP"[exp])
}
