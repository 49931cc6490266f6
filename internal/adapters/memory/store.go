// Package memory holds in-memory implementations of every port of package app, with the same
// rules as the Postgres adapter; use-case tests use them instead of a database.
package memory

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Store holds users, files, categories, conversations and update claims. Its units of work run one at a time (as if every
// transaction were serializable) and roll back what they changed when their function fails, so a
// failed update handling leaves nothing behind, as it does in Postgres. A Do inside a Do must be
// given the ctx of the outer one (to join it): with an unrelated ctx it would wait forever.
type Store struct {
	// work is held by the running unit of work, or by a single repository call made outside one.
	work sync.Mutex
	// mu guards the fields below; a unit of work may call repositories from several goroutines.
	mu             sync.Mutex
	data           data
	nextUserID     int64
	nextFileID     int64
	nextCategoryID int64
	nextSearchID   int64
	nextShareID    int64
	nextBatchID    int64
	nextTagID      int64
	nextAlbumID    int64
	nextSendID     int64
	nextReplyID    int64
}

// data is the state a unit of work restores when it fails. Ids are not part of it: like a
// Postgres sequence, an id handed out by a rolled-back unit of work is never handed out again.
type data struct {
	users         map[int64]domain.User         // by id
	byTelegram    map[int64]int64               // Telegram id -> user id
	files         map[int64]domain.File         // by id
	byUnique      map[fileKey]int64             // owner and unique id -> file id
	categories    map[int64]domain.Category     // by id
	byName        map[nameKey]int64             // owner and lowercased name -> category id
	conversations map[int64]domain.Conversation // by user id
	searches      map[int64]domain.Search       // by id
	shares        map[int64]domain.Share        // by id
	updates       map[updateKey]time.Time       // claims, with when they were made
	parked        map[updateKey]app.ParkedUpdate
	grants        map[grantKey]time.Time     // who opened which share, and when
	jobs          []EnqueuedJob              // the background jobs enqueued, in order
	bans          map[int64]domain.Ban       // by Telegram id
	deletions     []domain.StorageCopy       // copies of files deleted for good, oldest first
	claims        map[int64]storageClaim     // claims on copies to the storage chat, by file id
	selections    map[int64]domain.Selection // by owner id
	batches       map[int64]domain.Batch     // by id
	tags          map[int64]domain.Tag       // by id
	fileTags      map[fileTagKey]bool        // which files carry which tags
	albums        map[int64]domain.Album     // by id
	byGroup       map[groupKey]int64         // owner and media group id -> album id
	sends         map[int64]domain.BulkSend  // by id
	replies       map[int64]app.OutboxReply  // the reply outbox, by id
}

// grantKey is a share and a viewer who opened it.
type grantKey struct {
	share, viewer int64
}

// updateKey is an update of one bot: update ids are the bot's own.
type updateKey struct{ bot, update int64 }

type fileKey struct {
	owner    int64
	uniqueID string
}

// nameKey identifies a category name of an owner, ignoring case as Postgres's lower() does.
type nameKey struct {
	owner int64
	lower string
}

func newNameKey(owner int64, name string) nameKey {
	return nameKey{owner: owner, lower: strings.ToLower(name)}
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{data: data{
		users:         map[int64]domain.User{},
		byTelegram:    map[int64]int64{},
		files:         map[int64]domain.File{},
		byUnique:      map[fileKey]int64{},
		categories:    map[int64]domain.Category{},
		byName:        map[nameKey]int64{},
		conversations: map[int64]domain.Conversation{},
		searches:      map[int64]domain.Search{},
		shares:        map[int64]domain.Share{},
		updates:       map[updateKey]time.Time{},
		parked:        map[updateKey]app.ParkedUpdate{},
		grants:        map[grantKey]time.Time{},
		bans:          map[int64]domain.Ban{},
		claims:        map[int64]storageClaim{},
		selections:    map[int64]domain.Selection{},
		batches:       map[int64]domain.Batch{},
		tags:          map[int64]domain.Tag{},
		fileTags:      map[fileTagKey]bool{},
		albums:        map[int64]domain.Album{},
		byGroup:       map[groupKey]int64{},
		sends:         map[int64]domain.BulkSend{},
		replies:       map[int64]app.OutboxReply{},
	}}
}

// clone copies every map. The values need no deep copy: a stored file's pointers are never
// written through (every change stores a fresh copy, as selections and batches store fresh slices),
// and the other values hold no pointers.
func (d data) clone() data {
	return data{
		users:         maps.Clone(d.users),
		byTelegram:    maps.Clone(d.byTelegram),
		files:         maps.Clone(d.files),
		byUnique:      maps.Clone(d.byUnique),
		categories:    maps.Clone(d.categories),
		byName:        maps.Clone(d.byName),
		conversations: maps.Clone(d.conversations),
		searches:      maps.Clone(d.searches),
		shares:        maps.Clone(d.shares),
		updates:       maps.Clone(d.updates),
		parked:        maps.Clone(d.parked),
		grants:        maps.Clone(d.grants),
		jobs:          slices.Clone(d.jobs),
		bans:          maps.Clone(d.bans),
		claims:        maps.Clone(d.claims),
		deletions:     slices.Clone(d.deletions),
		selections:    maps.Clone(d.selections),
		batches:       maps.Clone(d.batches),
		tags:          maps.Clone(d.tags),
		fileTags:      maps.Clone(d.fileTags),
		albums:        maps.Clone(d.albums),
		byGroup:       maps.Clone(d.byGroup),
		sends:         maps.Clone(d.sends),
		replies:       maps.Clone(d.replies),
	}
}

// UnitOfWork returns the store's app.UnitOfWork.
func (s *Store) UnitOfWork() app.UnitOfWork { return UnitOfWork{store: s} }

// Repos returns the store's repositories.
func (s *Store) Repos() app.Repos {
	return app.Repos{
		Users:         NewUserRepository(s),
		Files:         NewFileRepository(s),
		Categories:    NewCategoryRepository(s),
		Tags:          NewTagRepository(s),
		Conversations: NewConversationStore(s),
		Searches:      NewSearchRepository(s),
		Shares:        NewShareRepository(s),
		Updates:       NewUpdateLog(s),
		Stats:         NewStatsRepository(s),
		Jobs:          NewJobQueue(s),
		Bans:          NewBanRepository(s),
		Storage:       NewStorageRepository(s),
		Claims:        NewStorageClaimRepository(s),
		Selections:    NewSelectionStore(s),
		Batches:       NewBatchRepository(s),
		Albums:        NewAlbumRepository(s),
		BulkSends:     NewBulkSendRepository(s),
		Replies:       NewReplyOutbox(s),
	}
}

// UnitOfWork implements app.UnitOfWork over a Store.
type UnitOfWork struct {
	store *Store
}

// NewUnitOfWork returns the unit of work of s.
func NewUnitOfWork(s *Store) UnitOfWork { return UnitOfWork{store: s} }

type txKey struct{}

// Do runs fn with the store's repositories. A Do inside another one (ctx comes from it) joins it;
// otherwise fn runs alone, and what it changed is undone if it returns an error or panics.
func (u UnitOfWork) Do(ctx context.Context, fn func(ctx context.Context, r app.Repos) error) (err error) {
	s := u.store
	if inUnitOfWork(ctx, s) {
		return fn(ctx, s.Repos())
	}
	s.work.Lock()
	defer s.work.Unlock()
	s.mu.Lock()
	saved := s.data.clone()
	s.mu.Unlock()
	committed := false
	defer func() {
		if !committed {
			s.mu.Lock()
			s.data = saved
			s.mu.Unlock()
		}
	}()
	// fn's error is returned as is: the use case that called Do adds the context.
	if err := fn(context.WithValue(ctx, txKey{}, s), s.Repos()); err != nil {
		return err
	}
	committed = true
	return nil
}

func inUnitOfWork(ctx context.Context, s *Store) bool {
	current, _ := ctx.Value(txKey{}).(*Store)
	return current == s
}

// lock gives a repository call exclusive access to the data: inside a unit of work only the data
// lock is needed, outside one the call is a unit of work of its own. It returns the unlock.
func (s *Store) lock(ctx context.Context) func() {
	if inUnitOfWork(ctx, s) {
		s.mu.Lock()
		return s.mu.Unlock
	}
	s.work.Lock()
	s.mu.Lock()
	return func() {
		s.mu.Unlock()
		s.work.Unlock()
	}
}

// storedTime is t as Postgres keeps a timestamptz written by pgx: cut to the microsecond.
func storedTime(t time.Time) time.Time { return t.Truncate(time.Microsecond) }
