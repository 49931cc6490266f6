package app

import (
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Application groups the use cases the adapters call. Every use case has one shape: a method of
// a small struct built over the ports it needs, taking ctx first, running its work in one unit of
// work (InTx), wrapping a failure once with what it was doing, and returning what the screen
// after it shows, so an interaction makes one call.
type Application struct {
	Commands Commands
	Queries  Queries
	// Updates makes handling a Telegram update idempotent.
	Updates Inbox
	// Access decides who the bot answers (allowlist, bans, the rate limit); admins ban and unban.
	Access Access
	// Storage records which bot each file id belongs to and each file's copy in the storage chat.
	Storage Storage
}

// Commands are the use cases that change state: every method under them writes (or, refused,
// writes nothing).
type Commands struct {
	RegisterUser  RegisterUser  // records the user on every contact
	SaveFile      SaveFile      // keeps a file the user sent
	ManageFiles   ManageFiles   // rename, move, trash, restore, delete for good, empty the trash
	Categories    Categories    // create, rename, delete a category
	Tags          Tags          // change the tags of a file
	Conversations Conversations // begin and end a multi-step flow, remember its prompt
	PurgeTrash    PurgeTrash    // the background purge of old trash
	Shares        Shares        // make, open (a use is counted), revoke a link; save a shared file
	Settings      Settings      // change the user's settings
	Search        SearchFiles   // run a new search, which is kept for its pages
	MarkBlocked   MarkBlocked   // record that the user blocked the bot
	PruneUpdates  PruneUpdates  // the background pruning of old update claims
	Selections    Selections    // select many: pick files, act on them at once, undo the batch
	RequestExport RequestExport // ask for the user's library as documents (/export)
	Albums        ManageAlbums  // record an album's confirmation; rename, move, trash, restore an album
	SendAll       SendAll       // ⬇ Send all: send a list's files back, stop it, the job's steps
}

// Queries are the use cases that only read: no method under them changes state.
type Queries struct {
	ListFiles     ListFiles           // a page of the user's files
	GetFile       GetFile             // one file with its category
	FileCounts    FileCounts          // the user's files per kind, and the trash
	Categories    ListCategories      // one category, a page of them, one with its file count
	Tags          ListTags            // one tag, a page of them with their file counts
	Links         ListLinks           // a page of the user's active links
	Conversations CurrentConversation // the flow the user is in
	Profile       Profile             // what the user keeps
	Find          FindFiles           // a kept search, inline results
	Stats         Stats               // the bot's numbers, for its admins
	Library       Library             // the user's whole library, for their export
	Albums        OpenAlbums          // an album with its files, the albums on a page of a list
}

// purgeBatch is how many files one purge transaction deletes at most.
const purgeBatch = 500

// Limits are the configurable rules the use cases enforce.
type Limits struct {
	// MaxFileSize is the largest file kept, in bytes; 0 means no limit.
	MaxFileSize int64
	// MaxCategories is the most categories one user may make; 0 means no limit.
	MaxCategories int
	// MaxLinks is the most active share links one user may have; 0 means no limit.
	MaxLinks int
	// TrashRetention is how long a deleted file stays in the trash before it is purged.
	TrashRetention time.Duration
	// ConversationTTL is how long a multi-step flow waits for the user's next step.
	ConversationTTL time.Duration
	// UploadQuietPeriod ends an "upload into a category" flow after that long without a file.
	UploadQuietPeriod time.Duration
	// QuotaFiles and QuotaBytes bound what one user keeps (the trash included); 0 means no limit.
	QuotaFiles int
	QuotaBytes int64
	// Admins are the Telegram ids of the users who may see the bot's statistics.
	Admins []int64
	// AlbumWindow is how long after an album's previous file the next one still edits the
	// album's confirmation; a file coming later is confirmed anew. 0 means DefaultAlbumWindow.
	AlbumWindow time.Duration
	// UpdatesRetention is how long the claim of a handled update is kept; 0 means 48 hours,
	// a safe margin past the 24 hours Telegram redelivers an update for.
	UpdatesRetention time.Duration
	// BotID is the Telegram id of the running bot (BOT_TOKEN's part before the colon): the file
	// ids it can send are its own; /profile and /stats count the files it cannot. 0: unknown.
	BotID int64
	// StorageChatID is the storage chat every kept file is copied to (a job enqueued with the
	// file); 0: none.
	StorageChatID int64
	// AccessMode and AllowedIDs say who may use the bot (Admins always may); "" is an open bot.
	AccessMode domain.AccessMode
	AllowedIDs []int64
	// RateLimit bounds the updates one user may send; the zero value is no limit.
	RateLimit domain.RateLimit
}

func (l Limits) accessPolicy() domain.AccessPolicy {
	return domain.AccessPolicy{Mode: l.AccessMode, Allowed: slices.Clone(l.AllowedIDs), Admins: slices.Clone(l.Admins)}
}

// DefaultUpdatesRetention is the UpdatesRetention of the zero Limits.
const DefaultUpdatesRetention = 48 * time.Hour

// DefaultAlbumWindow is the AlbumWindow of the zero Limits: Telegram delivers an album's files
// within a second or two of each other.
const DefaultAlbumWindow = 30 * time.Second

func (l Limits) albumWindow() time.Duration {
	if l.AlbumWindow > 0 {
		return l.AlbumWindow
	}
	return DefaultAlbumWindow
}

func (l Limits) updatesRetention() time.Duration {
	if l.UpdatesRetention > 0 {
		return l.UpdatesRetention
	}
	return DefaultUpdatesRetention
}

// stepTTL is how long a flow's step waits for the user, by the step's expiry in the registry: a
// step that ends when quiet (an upload) after the quiet period, the others after the
// conversation TTL.
func (l Limits) stepTTL(step domain.Step) time.Duration {
	if info, _ := domain.LookupStep(step); info.Expiry == domain.ExpiresWhenQuiet && l.UploadQuietPeriod > 0 {
		return l.UploadQuietPeriod
	}
	return l.ConversationTTL
}

// New builds the Application over its ports, for one instance.
func New(uow UnitOfWork, clock Clock, tokens TokenGenerator, limits Limits) Application {
	return NewShared(uow, clock, tokens, limits, nil)
}

// NewShared is New for one of several instances: limited remembers the rate-limited users for
// all of them (nil: each its own).
func NewShared(uow UnitOfWork, clock Clock, tokens TokenGenerator, limits Limits, limited LimitedUsers) Application {
	access := NewAccess(uow, clock, limits, limited)
	return Application{
		Commands: Commands{
			RegisterUser:  NewRegisterUser(uow, clock),
			SaveFile:      NewSaveFile(uow, clock, limits),
			ManageFiles:   NewManageFiles(uow, clock),
			Categories:    NewCategories(uow, clock, limits),
			Tags:          NewTags(uow, clock),
			Conversations: NewConversations(uow, clock, limits),
			PurgeTrash:    NewPurgeTrash(uow, clock, limits, purgeBatch),
			Shares:        NewShares(uow, clock, tokens, limits),
			Settings:      NewSettings(uow),
			Search:        NewSearchFiles(uow),
			MarkBlocked:   NewMarkBlocked(uow),
			PruneUpdates:  NewPruneUpdates(uow, clock, limits.updatesRetention(), purgeBatch),
			Selections:    NewSelections(uow, clock),
			RequestExport: NewRequestExport(uow),
			Albums:        NewManageAlbums(uow, clock),
			SendAll:       NewSendAll(uow, clock),
		},
		Queries: Queries{
			ListFiles:     NewListFiles(uow),
			GetFile:       NewGetFile(uow),
			FileCounts:    NewFileCounts(uow),
			Categories:    NewListCategories(uow),
			Tags:          NewListTags(uow),
			Links:         NewListLinks(uow, clock),
			Conversations: NewCurrentConversation(uow, clock),
			Profile:       NewProfile(uow, limits.BotID),
			Find:          NewFindFiles(uow),
			Stats:         NewStats(uow, clock, limits, access),
			Library:       NewLibrary(uow),
			Albums:        NewOpenAlbums(uow),
		},
		Updates: NewInbox(uow),
		Access:  access,
		Storage: NewStorage(uow),
	}
}
