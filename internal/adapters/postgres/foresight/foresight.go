// Package foresight remembers, per user, what their last update found in the database, for
// the next one to guess (see the postgres adapter's UnitOfWork), and compares what is guessed
// with what is read.
package foresight

import (
	"reflect"
	"sync"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// size bounds what is remembered: past it, everything is forgotten.
const size = 100_000

// Memory remembers, per user, what their last committed unit of work found.
type Memory struct {
	mu    sync.Mutex
	known map[int64]Sighting // by Telegram id
	byID  map[int64]int64    // Telegram id by internal id
}

// Sighting is what is known of one user; a part not known is not guessed.
type Sighting struct {
	User      *domain.User
	BanKnown  bool
	Ban       *domain.Ban // nil: not banned
	ConvKnown bool
	Conv      *domain.Conversation // nil: none
}

// New returns an empty memory.
func New() *Memory {
	return &Memory{known: map[int64]Sighting{}, byID: map[int64]int64{}}
}

// Get is what is known of the user with that Telegram id.
func (f *Memory) Get(telegramID int64) Sighting {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.known[telegramID]
}

// TelegramID is the Telegram id of the user with that internal id, if known.
func (f *Memory) TelegramID(userID int64) (int64, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id, ok := f.byID[userID]
	return id, ok
}

// Forget drops what is known of a user, whom a write changed.
func (f *Memory) Forget(telegramID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.known, telegramID)
}

// Keep records what a committed unit of work learnt.
func (f *Memory) Keep(learnt map[int64]Sighting) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.known)+len(learnt) > size {
		f.known, f.byID = map[int64]Sighting{}, map[int64]int64{}
	}
	for tg, s := range learnt {
		// What the unit of work did not read stays as known (a write forgot it already).
		old := f.known[tg]
		if s.User == nil {
			s.User = old.User
		}
		if !s.BanKnown {
			s.BanKnown, s.Ban = old.BanKnown, old.Ban
		}
		if !s.ConvKnown {
			s.ConvKnown, s.Conv = old.ConvKnown, old.Conv
		}
		if s.User == nil {
			continue
		}
		f.byID[s.User.ID] = tg
		f.known[tg] = s
	}
}

// Same reports whether two records read from PostgreSQL are equal, their times compared as
// instants at the database's precision.
func Same[T any](a, b T) bool {
	return reflect.DeepEqual(normalTimes(reflect.ValueOf(&a).Elem()), normalTimes(reflect.ValueOf(&b).Elem()))
}

var timeType = reflect.TypeFor[time.Time]()

// normalTimes is a copy of v with every time.Time (also behind a pointer) in UTC at microseconds.
func normalTimes(v reflect.Value) any {
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	normalise(c)
	return c.Interface()
}

func normalise(v reflect.Value) {
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(v.Interface().(time.Time).UTC().Truncate(time.Microsecond)))
	case v.Kind() == reflect.Pointer && !v.IsNil():
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(v.Elem())
		normalise(c.Elem())
		v.Set(c)
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				normalise(v.Field(i))
			}
		}
	}
}

// ForgetConversation drops what is known of a user's conversation.
func (f *Memory) ForgetConversation(telegramID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s, ok := f.known[telegramID]; ok {
		s.ConvKnown, s.Conv = false, nil
		f.known[telegramID] = s
	}
}
