package postgres

import (
	"errors"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/foresight"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pipeline"
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

// session is one unit of work: its pipe, and its guesses.
type session struct {
	pool *pgxpool.Pool
	p    *pipeline.Pipe
	seen *foresight.Memory
	// mayGuess: this attempt may guess (the first one; not after a wrong guess).
	mayGuess bool
	// guessing: it does, its first statement being an update's claim.
	guessing bool
	wrong    bool
	// learnt is what this unit of work found out, by Telegram id, kept when it commits.
	learnt map[int64]foresight.Sighting
	// users are the users this unit of work upserted, by internal id, while unchanged.
	users map[int64]domain.User
	// ahead are answers read ahead (readahead.go).
	ahead []*readAhead
	// saved are the searches this unit of work saved.
	saved []domain.Search
	// locked are the files whose rows this unit of work locked (GetForUpdate), by id.
	locked map[int64]bool
}

func newSession(pool *pgxpool.Pool, p *pipeline.Pipe, seen *foresight.Memory, mayGuess bool) *session {
	return &session{pool: pool, p: p, seen: seen, mayGuess: mayGuess, learnt: map[int64]foresight.Sighting{}, users: map[int64]domain.User{}}
}

// startGuessing is called by an update's claim: guessing starts if nothing went before it, and
// the claim itself is guessed then.
func (s *session) startGuessing() bool {
	if s == nil || !s.mayGuess || s.guessing || !s.p.Fresh() {
		return false
	}
	s.guessing = true
	return true
}

// foresee is what is known of a user, if this unit of work guesses.
func (s *session) foresee(telegramID int64) (foresight.Sighting, bool) {
	if s == nil || !s.guessing {
		return foresight.Sighting{}, false
	}
	return s.seen.Get(telegramID), true
}

// wrongGuess marks the guess contradicted.
func (s *session) wrongGuess() error {
	s.wrong = true
	return errWrongGuess
}

// learn updates what this unit of work knows of a user.
func (s *session) learn(telegramID int64, change func(*foresight.Sighting)) {
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
	return s.seen.TelegramID(userID)
}

// userChanged forgets what is known of a user a write changed.
func (s *session) userChanged(telegramID int64) {
	if s == nil {
		return
	}
	s.seen.Forget(telegramID)
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
		s.seen.Keep(s.learnt)
	}
}

// upserted records a user as stored by this unit of work's upsert.
func (s *session) upserted(u domain.User) {
	if s == nil {
		return
	}
	s.users[u.ID] = u
	s.learn(u.TelegramID, func(l *foresight.Sighting) { l.User = &u })
}

// user is a user this unit of work upserted and did not change since.
func (s *session) user(id int64) (domain.User, bool) {
	if s == nil {
		return domain.User{}, false
	}
	u, ok := s.users[id]
	return u, ok
}
