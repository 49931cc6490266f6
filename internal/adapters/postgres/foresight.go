package postgres

import (
	"errors"
	"reflect"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Every update begins with the same reads and writes: its claim, its sender's ban, their
// registration (an upsert that returns the user) and their conversation. Waiting for each
// answer would cost a round trip apiece before the update's own work could start. Instead the
// unit of work goes on as if it had read what the sender's previous update found (foresight
// remembers it), and those statements wait in the pipe: they travel with the update's first
// statement whose result is needed, and each answer is checked then against the guess. A wrong
// guess (a first contact is never guessed; a duplicate update, a change made on another
// instance) undoes the unit of work, which runs again reading for real. So correctness never
// rests on what is remembered, only the number of round trips does.

// errWrongGuess is a guess of foresight that PostgreSQL contradicted: the unit of work runs
// again without guessing.
var errWrongGuess = errors.New("a guess about the sender's records was wrong")

// foresightSize bounds what is remembered: past it, everything is forgotten.
const foresightSize = 100_000

// foresight remembers, per user, what their last committed unit of work found.
type foresight struct {
	mu    sync.Mutex
	known map[int64]sighting // by Telegram id
	byID  map[int64]int64    // Telegram id by internal id
}

// sighting is what is known of one user; a part not known is not guessed.
type sighting struct {
	user      *domain.User
	banKnown  bool
	ban       *domain.Ban // nil: not banned
	convKnown bool
	conv      *domain.Conversation // nil: none
}

func newForesight() *foresight {
	return &foresight{known: map[int64]sighting{}, byID: map[int64]int64{}}
}

func (f *foresight) get(telegramID int64) sighting {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.known[telegramID]
}

func (f *foresight) telegramID(userID int64) (int64, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id, ok := f.byID[userID]
	return id, ok
}

// forget drops what is known of a user, whom a write changed.
func (f *foresight) forget(telegramID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.known, telegramID)
}

// keep records what a committed unit of work learnt.
func (f *foresight) keep(learnt map[int64]sighting) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.known)+len(learnt) > foresightSize {
		f.known, f.byID = map[int64]sighting{}, map[int64]int64{}
	}
	for tg, s := range learnt {
		// What the unit of work did not read stays as known (a write forgot it already).
		old := f.known[tg]
		if s.user == nil {
			s.user = old.user
		}
		if !s.banKnown {
			s.banKnown, s.ban = old.banKnown, old.ban
		}
		if !s.convKnown {
			s.convKnown, s.conv = old.convKnown, old.conv
		}
		if s.user == nil {
			continue
		}
		f.byID[s.user.ID] = tg
		f.known[tg] = s
	}
}

// session is one unit of work: its pipe, and its guesses.
type session struct {
	pool *pgxpool.Pool
	p    *pipe
	seen *foresight
	// mayGuess: this attempt may guess (the first one; not after a wrong guess).
	mayGuess bool
	// guessing: it does, its first statement being an update's claim.
	guessing bool
	wrong    bool
	// learnt is what this unit of work found out, by Telegram id, kept when it commits.
	learnt map[int64]sighting
	// users are the users this unit of work upserted, by internal id, while unchanged.
	users map[int64]domain.User
	// ahead are answers read ahead (readahead.go).
	ahead []*readAhead
}

func newSession(pool *pgxpool.Pool, p *pipe, seen *foresight, mayGuess bool) *session {
	return &session{pool: pool, p: p, seen: seen, mayGuess: mayGuess, learnt: map[int64]sighting{}, users: map[int64]domain.User{}}
}

// startGuessing is called by an update's claim: guessing starts if nothing went before it, and
// the claim itself is guessed then.
func (s *session) startGuessing() bool {
	if s == nil || !s.mayGuess || s.guessing || s.p.begun || len(s.p.queue) > 0 {
		return false
	}
	s.guessing = true
	return true
}

// foresee is what is known of a user, if this unit of work guesses.
func (s *session) foresee(telegramID int64) (sighting, bool) {
	if s == nil || !s.guessing {
		return sighting{}, false
	}
	return s.seen.get(telegramID), true
}

// wrongGuess marks the guess contradicted.
func (s *session) wrongGuess() error {
	s.wrong = true
	return errWrongGuess
}

// learn updates what this unit of work knows of a user.
func (s *session) learn(telegramID int64, change func(*sighting)) {
	if s == nil {
		return
	}
	l := s.learnt[telegramID]
	change(&l)
	s.learnt[telegramID] = l
}

// telegramIDOf is the Telegram id of the user with that internal id, if known.
func (s *session) telegramIDOf(userID int64) (int64, bool) {
	if s == nil {
		return 0, false
	}
	for _, u := range s.users {
		if u.ID == userID {
			return u.TelegramID, true
		}
	}
	return s.seen.telegramID(userID)
}

// userChanged forgets what is known of a user a write changed.
func (s *session) userChanged(telegramID int64) {
	if s == nil {
		return
	}
	s.seen.forget(telegramID)
	delete(s.learnt, telegramID)
	for id, u := range s.users {
		if u.TelegramID == telegramID {
			delete(s.users, id)
		}
	}
}

// committed keeps what the unit of work learnt.
func (s *session) committed() {
	if len(s.learnt) > 0 {
		s.seen.keep(s.learnt)
	}
}

// same reports whether two records read from PostgreSQL are equal, their times compared as
// instants at the database's precision.
func same[T any](a, b T) bool {
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

// upserted records a user as stored by this unit of work's upsert.
func (s *session) upserted(u domain.User) {
	if s == nil {
		return
	}
	s.users[u.ID] = u
	s.learn(u.TelegramID, func(l *sighting) { l.user = &u })
}

// user is a user this unit of work upserted and did not change since.
func (s *session) user(id int64) (domain.User, bool) {
	if s == nil {
		return domain.User{}, false
	}
	u, ok := s.users[id]
	return u, ok
}

// forgetConversation drops what is known of a user's conversation.
func (f *foresight) forgetConversation(telegramID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s, ok := f.known[telegramID]; ok {
		s.convKnown, s.conv = false, nil
		f.known[telegramID] = s
	}
}
