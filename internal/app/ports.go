// Package app holds File Keeper's use cases and the ports (interfaces) they need.
package app

import (
	"context"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// UserRepository keeps users.
type UserRepository interface {
	// Upsert stores u by its TelegramID: a new user is inserted (JoinedAt kept from u), a known
	// one gets its profile fields and LastSeenAt refreshed and BlockedBot cleared; ID, JoinedAt
	// and PageSize of the stored row win. It returns the stored user.
	Upsert(ctx context.Context, u domain.User) (domain.User, error)
	// Get returns the user with that internal id, or domain.ErrNotFound.
	Get(ctx context.Context, id int64) (domain.User, error)
	// ByTelegramID returns the user with that Telegram id, or domain.ErrNotFound.
	ByTelegramID(ctx context.Context, telegramID int64) (domain.User, error)
	// UpdateSettings stores the user's settings (page size, language, default category), or
	// returns domain.ErrNotFound.
	UpdateSettings(ctx context.Context, userID int64, s domain.Settings) error
	// SetBlocked marks the user with that Telegram id as having blocked the bot (Telegram
	// refused a message to them), or returns domain.ErrNotFound. The next Upsert clears the mark.
	SetBlocked(ctx context.Context, telegramID int64) error
	// ListAfter returns at most limit users with an id above afterID, in id order: every user,
	// page by page, for an export.
	ListAfter(ctx context.Context, afterID int64, limit int) ([]domain.User, error)
}

// UserCounts are the bot's users: all of them, those seen recently, those who blocked the bot.
type UserCounts struct {
	Total      int
	ActiveDay  int // seen in the last 24 hours
	ActiveWeek int // seen in the last 7 days
	Blocked    int
}

// StatsRepository counts what the bot keeps for everyone together, for its admins.
type StatsRepository interface {
	// CountUsers counts every user, those last seen at or after day and at or after week, and
	// those who blocked the bot.
	CountUsers(ctx context.Context, day, week time.Time) (UserCounts, error)
	// Usage tells how many files and bytes all users keep (the trash included), and per kind
	// how many live ones.
	Usage(ctx context.Context) (domain.Usage, error)
}

// FileQuery selects a page of one owner's files in an order (Sort; "" is the newest first): the
// live files, or with Trashed the files in the trash.
type FileQuery struct {
	OwnerID int64
	Kind    domain.Kind // "" means every kind
	// CategoryID > 0: only that category's files. Uncategorised: only files in no category.
	CategoryID    int64
	Uncategorised bool
	Trashed       bool
	// Search, if not empty, keeps only live files whose name or caption contains it, ignoring
	// case, with %, _ and \ matching literally; with SearchPrefix, only names or captions that
	// start with it.
	Search       string
	SearchPrefix bool
	// TagID > 0: only the live files that carry that tag.
	TagID int64
	Sort  domain.SortOrder
	// AfterID > 0: only the files that come after the file AfterID in the order, in the order.
	// BeforeID > 0: only the files that come before the file BeforeID, nearest first (the order
	// reversed: the page before). A cursor file that is gone (deleted for good) gives none.
	// Both zero: the first files of the order. At most one of them is set.
	AfterID  int64
	BeforeID int64
	Limit    int
}

// FileRepository keeps files.
type FileRepository interface {
	// Save inserts f unless the owner already keeps a file with the same UniqueID; then it
	// refreshes the stored TelegramFileID and returns the stored file with created=false.
	Save(ctx context.Context, f domain.File) (stored domain.File, created bool, err error)
	// Get returns the owner's file with that id: domain.ErrForbidden if it is someone else's,
	// domain.ErrNotFound if there is none. The owner is part of the query, so another owner's file
	// is never read, whatever the use case checks.
	Get(ctx context.Context, ownerID, id int64) (domain.File, error)
	// GetForUpdate is Get for a use case that changes the file next: no other unit of work
	// changes or deletes it until this one ends, so the change finds it as read.
	GetForUpdate(ctx context.Context, ownerID, id int64) (domain.File, error)
	// ByUniqueID returns the owner's file (live or trashed) with that Telegram file_unique_id,
	// or domain.ErrNotFound.
	ByUniqueID(ctx context.Context, ownerID int64, uniqueID string) (domain.File, error)
	// List returns a page of files as FileQuery describes.
	List(ctx context.Context, q FileQuery) ([]domain.File, error)
	// CountByKind counts an owner's live files per kind; kinds without files are absent.
	CountByKind(ctx context.Context, ownerID int64) (map[domain.Kind]int, error)
	// CountUncategorised counts an owner's live files in no category.
	CountUncategorised(ctx context.Context, ownerID int64) (int, error)
	// CountTrashed counts an owner's files in the trash.
	CountTrashed(ctx context.Context, ownerID int64) (int, error)
	// Usage tells how many files and bytes the owner keeps (live and trashed), and per kind
	// (live only).
	Usage(ctx context.Context, ownerID int64) (domain.Usage, error)
	// Update stores f's Name, CategoryID, DeletedAt and RenamePending (the fields rename, move,
	// trash and restore change) if f.OwnerID keeps the file f.ID, or returns domain.ErrNotFound.
	Update(ctx context.Context, f domain.File) error
	// SetCaption stores caption as the caption of the owner's file (live or trashed), or returns
	// domain.ErrNotFound.
	SetCaption(ctx context.Context, ownerID, id int64, caption string) error
	// ReplaceTelegramFileID stores newID as the owner's file's Telegram file id and clears
	// RenamePending, unless its file id is no longer oldID; it reports whether it did.
	ReplaceTelegramFileID(ctx context.Context, ownerID, id int64, oldID, newID string) (bool, error)
	// Delete removes the owner's file for good, or returns domain.ErrNotFound.
	Delete(ctx context.Context, ownerID, id int64) error
	// PurgeTrashed deletes for good at most limit files of any owner trashed before cutoff and
	// returns how many it deleted. Several instances may run it at once: each file is deleted once
	// and none waits for another's locks.
	PurgeTrashed(ctx context.Context, cutoff time.Time, limit int) (int, error)
	// CountList counts the entries of the list q selects (an album's files it holds are one
	// entry, as List shows them), its paging (AfterID, BeforeID, Limit) aside,
	// and, when newerThan > 0, those of them newer (with a higher id) than newerThan (0 when it
	// is 0: the total is read from counters, the newer ones are counted). A search is not
	// counted: q.Search set is an error.
	CountList(ctx context.Context, q FileQuery, newerThan int64) (total, newer int, err error)
	// EmptyTrash deletes for good every file in the owner's trash, and no one else's, and
	// returns how many it deleted.
	EmptyTrash(ctx context.Context, ownerID int64) (int, error)
	// DeleteAll deletes for good every file of the owner, live or trashed, and no one else's,
	// and returns how many it deleted.
	DeleteAll(ctx context.Context, ownerID int64) (int, error)
}

// CategoryRepository keeps categories. Names are unique per owner ignoring case.
type CategoryRepository interface {
	// Create stores c and returns it with its id; domain.ErrDuplicate if the owner has a category
	// of that name, ignoring case. A duplicate never aborts the unit of work.
	Create(ctx context.Context, c domain.Category) (domain.Category, error)
	// Get returns the owner's category: domain.ErrForbidden if it is someone else's,
	// domain.ErrNotFound if there is none (the owner is part of the query, as in FileRepository.Get).
	Get(ctx context.Context, ownerID, id int64) (domain.Category, error)
	// Rename changes the name of the owner's category; domain.ErrDuplicate as Create,
	// domain.ErrNotFound if the owner has no such category.
	Rename(ctx context.Context, ownerID, id int64, name string) error
	// Delete removes the owner's category; its files (live or trashed) become uncategorised. It
	// returns how many live files that affected, or domain.ErrNotFound.
	Delete(ctx context.Context, ownerID, id int64) (int, error)
	// List returns all the owner's categories with their live file counts, ordered by name
	// ignoring case, then id. Owners have few categories (a configured limit), so no paging here.
	List(ctx context.Context, ownerID int64) ([]domain.CategorySummary, error)
	// Count counts the owner's categories.
	Count(ctx context.Context, ownerID int64) (int, error)
}

// TagRepository keeps tags and which of an owner's files carry them. Names are as
// domain.NormalizeTag makes them; a tag is made when a file first carries it and goes when no file
// carries it any more.
type TagRepository interface {
	// Add puts the tags of those names on the owner's file (making the tags that are new); a tag
	// the file carries already changes nothing, and a file that is not the owner's gets none.
	Add(ctx context.Context, ownerID, fileID int64, names []string, at time.Time) error
	// Remove takes the tags of those names off the owner's file (a tag it does not carry is left
	// alone), and forgets the tags no file carries any more.
	Remove(ctx context.Context, ownerID, fileID int64, names []string) error
	// OfFile returns the tags the owner's file carries, by name.
	OfFile(ctx context.Context, ownerID, fileID int64) ([]domain.Tag, error)
	// NamesOfFiles returns the tag names of each of the owner's files given, by name; files
	// without tags are absent.
	NamesOfFiles(ctx context.Context, ownerID int64, fileIDs []int64) (map[int64][]string, error)
	// Get returns the owner's tag: domain.ErrForbidden if it is someone else's, domain.ErrNotFound
	// if there is none.
	Get(ctx context.Context, ownerID, id int64) (domain.Tag, error)
	// ByName returns the owner's tag of that name, or domain.ErrNotFound.
	ByName(ctx context.Context, ownerID int64, name string) (domain.Tag, error)
	// List returns a page of the owner's tags that live files carry, by name, with how many
	// live files carry each, as TagQuery describes.
	List(ctx context.Context, q TagQuery) ([]domain.TagSummary, error)
}

// TagQuery selects a page of one owner's tags by name. AfterID > 0: the tags named after that
// tag's name. BeforeID > 0: those named before it, nearest first. At most one of them is set.
type TagQuery struct {
	OwnerID  int64
	AfterID  int64
	BeforeID int64
	Limit    int
}

// SearchRepository keeps the queries users ran, so result pages can be turned by id.
type SearchRepository interface {
	// Save stores a query of owner and returns it with its id.
	Save(ctx context.Context, s domain.Search) (domain.Search, error)
	// Get returns the owner's saved query: domain.ErrForbidden if someone else ran it,
	// domain.ErrNotFound if there is none.
	Get(ctx context.Context, ownerID, id int64) (domain.Search, error)
	// Prune keeps the owner's keep newest queries and deletes the others. Nothing waits for it: a
	// failure may surface only when the unit of work commits.
	Prune(ctx context.Context, ownerID int64, keep int) error
}

// ShareRepository keeps share links.
type ShareRepository interface {
	// Create stores s and returns it with its id; domain.ErrDuplicate if the token exists.
	Create(ctx context.Context, s domain.Share) (domain.Share, error)
	// Get returns the owner's share with that id: domain.ErrForbidden if it is someone else's,
	// domain.ErrNotFound if there is none.
	Get(ctx context.Context, ownerID, id int64) (domain.Share, error)
	// ByToken returns the share with that token (active or revoked), or domain.ErrNotFound.
	ByToken(ctx context.Context, token string) (domain.Share, error)
	// ListActive returns the owner's active shares, newest first, with the name of the file or
	// category each shares.
	ListActive(ctx context.Context, ownerID int64) ([]domain.ShareSummary, error)
	// ListActivePage returns a page of the owner's active shares as ShareQuery describes.
	ListActivePage(ctx context.Context, q ShareQuery) ([]domain.ShareSummary, error)
	// CountActive counts the owner's active shares.
	CountActive(ctx context.Context, ownerID int64) (int, error)
	// CountLive counts the owner's shares that still give something at at: active and not
	// expired (a full link still serves those it admitted). They are what MAX_LINKS bounds.
	CountLive(ctx context.Context, ownerID int64, at time.Time) (int, error)
	// Revoke marks the owner's share revoked at at (revoking a revoked share keeps its first
	// time), or returns domain.ErrNotFound.
	Revoke(ctx context.Context, ownerID, id int64, at time.Time) error
	// RevokeForFile revokes the active shares of a file and returns how many.
	RevokeForFile(ctx context.Context, fileID int64, at time.Time) (int, error)
	// CountUse adds one to a share's uses.
	CountUse(ctx context.Context, id int64) error
	// Grant records that viewer opened the share at at (again: the time is refreshed).
	Grant(ctx context.Context, shareID, viewerID int64, at time.Time) error
	// Granted returns the share (active or revoked) if viewer holds a grant for it, or
	// domain.ErrNotFound: nobody reaches a share by its id alone.
	Granted(ctx context.Context, shareID, viewerID int64) (domain.Share, error)
	// Admit grants the share to viewer at at as Grant does, and to a viewer new to it takes one
	// of its places (Viewers + 1) if its MaxViewers leaves one: false, and nothing recorded, when
	// none is left. Two new viewers racing for the last place never both get it.
	Admit(ctx context.Context, shareID, viewerID int64, at time.Time) (bool, error)
	// SetLimits stores l as the limits of the owner's share, or returns domain.ErrNotFound.
	SetLimits(ctx context.Context, ownerID, id int64, l domain.ShareLimits) error
}

// ShareQuery selects a page of one owner's active shares, newest (highest id) first. AfterID > 0:
// only shares with id < AfterID, descending. BeforeID > 0: only shares with id > BeforeID, in
// ASCENDING id order (the page before). At most one of them is set.
type ShareQuery struct {
	OwnerID  int64
	AfterID  int64
	BeforeID int64
	Limit    int
}

// TokenGenerator makes unguessable share tokens.
type TokenGenerator interface {
	NewToken() (string, error)
}

// ConversationStore keeps the state of multi-step flows, one per user. Its steps are those of the
// domain's registry (domain.Steps): a stored step the registry does not know reads as none.
type ConversationStore interface {
	// Get returns the user's conversation unless it has expired at now; domain.ErrNotFound otherwise.
	Get(ctx context.Context, userID int64, now time.Time) (domain.Conversation, error)
	// Put stores c as the user's conversation, replacing any other; a step the registry does not
	// know is refused.
	Put(ctx context.Context, c domain.Conversation) error
	// Clear ends the user's conversation, if any.
	Clear(ctx context.Context, userID int64) error
	// Take ends the user's conversation and returns it, even an expired one; domain.ErrNotFound
	// when there is none.
	Take(ctx context.Context, userID int64) (domain.Conversation, error)
	// SetPrompt records the message that asks for the next step of the user's conversation, if it
	// is still at that step.
	SetPrompt(ctx context.Context, userID int64, step domain.Step, messageID int) error
}

// UpdateLog remembers which Telegram updates were handled, so a replayed update changes nothing.
type UpdateLog interface {
	// Claim records updateID and reports whether this is its first claim. Inside a transaction
	// the claim is undone by a rollback, together with the update's other effects.
	Claim(ctx context.Context, updateID int64) (bool, error)
	// ClaimFor is Claim for the bot with Telegram id botID: update ids are the bot's own.
	ClaimFor(ctx context.Context, botID, updateID int64) (bool, error)
	// Prune forgets at most limit claims made before cutoff and returns how many it forgot.
	Prune(ctx context.Context, cutoff time.Time, limit int) (int, error)
	// Park records an update that could not be handled; parking it again adds to its attempts
	// and replaces its error.
	Park(ctx context.Context, p ParkedUpdate) error
	// Parked lists at most limit of the bot's parked updates with an id above afterID, in id order.
	Parked(ctx context.Context, botID, afterID int64, limit int) ([]ParkedUpdate, error)
	// Unpark removes a parked update, or returns domain.ErrNotFound.
	Unpark(ctx context.Context, botID, updateID int64) error
	// CountParked counts the parked updates of every bot.
	CountParked(ctx context.Context) (int, error)
}

// ParkedUpdate is an update that could not be handled, kept to be run again after a fix.
type ParkedUpdate struct {
	BotID    int64
	UpdateID int64
	Payload  []byte // the update as Telegram sent it (JSON)
	Error    string // why its last handling failed
	Attempts int    // handlings that failed
	ParkedAt time.Time
}

// BanRepository keeps the users the admins banned, by Telegram id (a banned user may be one the
// bot never met).
type BanRepository interface {
	// Add stores b; created is false, and nothing changes, if that user is banned already.
	Add(ctx context.Context, b domain.Ban) (created bool, err error)
	// Get returns the ban of the user with that Telegram id, or domain.ErrNotFound.
	Get(ctx context.Context, telegramID int64) (domain.Ban, error)
	// Remove lifts the ban of the user with that Telegram id, or returns domain.ErrNotFound.
	Remove(ctx context.Context, telegramID int64) error
	// MarkTold records that the banned user was told at at, unless they were told before (or
	// are not banned); it reports whether it did, so two instances tell them once.
	MarkTold(ctx context.Context, telegramID int64, at time.Time) (bool, error)
	// Count counts the bans.
	Count(ctx context.Context) (int, error)
	// ListAfter returns at most limit bans of Telegram ids above afterTelegramID, in that order:
	// every ban, page by page, for an export.
	ListAfter(ctx context.Context, afterTelegramID int64, limit int) ([]domain.Ban, error)
}

// StorageRepository keeps what moving to another bot needs: which bot each file's Telegram file
// id belongs to, and each file's copy in the storage chat. It reads and writes every owner's
// files: it serves the bot and its operator, not one user.
type StorageRepository interface {
	// Rebind stores newID, a Telegram file id of the bot botID, as the file's, unless its file id
	// is no longer oldID; it reports whether it did.
	Rebind(ctx context.Context, fileID int64, oldID, newID string, botID int64) (bool, error)
	// AdoptUnbound records botID as the bot of every file kept before bots were recorded and
	// returns how many.
	AdoptUnbound(ctx context.Context, botID int64) (int, error)
	// SetCopy records the file's copy in the storage chat unless it has one (or the file is
	// gone); it reports whether it did.
	SetCopy(ctx context.Context, fileID int64, c domain.StorageCopy) (bool, error)
	// ToRebind lists at most limit files (every owner's, the trash too) with an id above afterID,
	// in id order, whose file id is another bot's than botID and that have a copy.
	ToRebind(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error)
	// Unreachable lists, as ToRebind, the files whose file id is another bot's with no copy.
	Unreachable(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error)
	// Uncopied lists, as ToRebind, the files with no copy.
	Uncopied(ctx context.Context, afterID int64, limit int) ([]domain.File, error)
	// Count counts the owner's files (ownerID 0: everyone's) that have a copy, and those the bot
	// botID cannot send (domain.File.Unreachable).
	Count(ctx context.Context, ownerID, botID int64) (domain.StorageCounts, error)
	// Deleted lists at most limit copies of files deleted for good (however they were deleted),
	// oldest first, to be deleted from the storage chat.
	Deleted(ctx context.Context, limit int) ([]domain.StorageCopy, error)
	// ForgetDeleted forgets a copy Deleted listed: it was deleted from the chat, or is kept.
	ForgetDeleted(ctx context.Context, c domain.StorageCopy) error
	// File returns the file with that id, whoever's it is (for its copy), or domain.ErrNotFound.
	File(ctx context.Context, id int64) (domain.File, error)
}

// SelectionStore keeps each user's selection of files (select many): one per user.
type SelectionStore interface {
	// Get returns the owner's selection as stored, expired or not, or domain.ErrNotFound.
	Get(ctx context.Context, ownerID int64) (domain.Selection, error)
	// Put stores s as its owner's selection, replacing any other.
	Put(ctx context.Context, s domain.Selection) error
	// Clear forgets the owner's selection, if any.
	Clear(ctx context.Context, ownerID int64) error
}

// BatchRepository keeps the batches users ran on their selections, to undo them.
type BatchRepository interface {
	// Create stores b with its items and returns it with its id.
	Create(ctx context.Context, b domain.Batch) (domain.Batch, error)
	// Get returns the owner's batch with its items: domain.ErrForbidden if it is someone else's,
	// domain.ErrNotFound if there is none.
	Get(ctx context.Context, ownerID, id int64) (domain.Batch, error)
	// MarkUndone records that the owner's batch was undone at at, unless it was undone before; it
	// reports whether it did, so two undos at once undo it once.
	MarkUndone(ctx context.Context, ownerID, id int64, at time.Time) (bool, error)
	// Prune keeps the owner's keep newest batches, deletes the others and returns how many.
	Prune(ctx context.Context, ownerID int64, keep int) (int, error)
}

// AlbumRepository keeps albums: the files a user sent as one media group.
type AlbumRepository interface {
	// Arrive records that a file of the owner's media group arrived at at (isNew: a file the owner
	// did not keep yet) and returns the group's album, made by its first file. Arrivals of one
	// group are counted one after another, whatever instance they come at.
	Arrive(ctx context.Context, ownerID int64, mediaGroupID string, isNew bool, at time.Time) (domain.Album, error)
	// AddFile puts the owner's file into the album, unless it is in an album already; it reports
	// whether it did.
	AddFile(ctx context.Context, ownerID, albumID, fileID int64) (bool, error)
	// SetConfirmation records the message that confirms the album's group, or returns
	// domain.ErrNotFound.
	SetConfirmation(ctx context.Context, ownerID, albumID, chatID int64, messageID int) error
	// Get returns the owner's album: domain.ErrForbidden if it is someone else's,
	// domain.ErrNotFound if there is none.
	Get(ctx context.Context, ownerID, id int64) (domain.Album, error)
	// Rename stores the album's name, or returns domain.ErrNotFound.
	Rename(ctx context.Context, ownerID, id int64, name string) error
	// Files returns every file of the owner's album, live and trashed, oldest first.
	Files(ctx context.Context, ownerID, albumID int64) ([]domain.File, error)
	// Summaries returns, by id, the owner's albums among ids that hold live files (or, with
	// trashed, trashed ones), with what they hold; the others are absent.
	Summaries(ctx context.Context, ownerID int64, ids []int64, trashed bool) (map[int64]domain.AlbumSummary, error)
}

// Repos is the set of repositories a unit of work hands to its function.
type Repos struct {
	Users         UserRepository
	Files         FileRepository
	Categories    CategoryRepository
	Tags          TagRepository
	Conversations ConversationStore
	Searches      SearchRepository
	Shares        ShareRepository
	Updates       UpdateLog
	Stats         StatsRepository
	Jobs          JobQueue
	Bans          BanRepository
	Storage       StorageRepository
	Claims        StorageClaimRepository
	Selections    SelectionStore
	Batches       BatchRepository
	Albums        AlbumRepository
	BulkSends     BulkSendRepository
	Replies       ReplyOutbox
}

// Job is background work a use case asks for, run later by the job engine (internal/adapters/jobs)
// with retries and backoff until it succeeds. It is stored as JSON: its exported fields are its
// arguments, and it must hold what the work needs (ids), not what may change meanwhile.
type Job interface {
	// Kind names the job's worker; it never changes once jobs of that kind are stored.
	Kind() string
}

// JobOptions say how a job is kept.
type JobOptions struct {
	// Unique skips the job when one of the same kind and arguments is already waiting, running,
	// or finished within the engine's retention (a day): a job that must run once per thing.
	Unique bool
	// Delay runs the job no sooner than that long after it is enqueued.
	Delay time.Duration
}

// JobQueue keeps the jobs to run in the background.
type JobQueue interface {
	// Enqueue stores job. Inside a unit of work the job commits or rolls back with everything
	// else the unit does: a rolled-back job never runs.
	Enqueue(ctx context.Context, job Job, opts JobOptions) error
}

// UnitOfWork runs fn atomically: all its repository calls commit together or not at all.
// A Do called with a ctx that is already inside a unit of work joins it. fn may run more than
// once: an implementation may let it go on from what it expects a read to find, and run it again
// in a new transaction when the read found otherwise; only the last run's effects and answers
// count, so fn acts on nothing outside the unit of work and leaves its results to its caller.
type UnitOfWork interface {
	Do(ctx context.Context, fn func(ctx context.Context, r Repos) error) error
}

// Clock tells the time; tests use a fake one.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real Clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }
