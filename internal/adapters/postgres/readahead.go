package postgres

// Some reads come in pairs: a file's card reads the file, then its tags and its category; a page
// of a list reads the files, then counts the list. A repository that serves the first read
// queues the others with it, as batch statements, so all travel in one pipeline; their answers
// wait in the session for the calls that ask for them next. An answer is used only if no other
// statement was issued since (nothing could have changed it), and only by a call that would have
// read exactly it.

// readAhead is the answer of a statement sent with another read, for a later call.
type readAhead struct {
	key   any
	value any
	err   error
	// at is how many statements the pipe had issued once the read that carried it was sent;
	// -1 until then.
	at int
}

// readingAhead registers a statement just queued whose answer is kept under key, read by read
// when its pipeline is read. Outside a unit of work it does nothing.
func (s *session) readingAhead(key any, read func() (any, error)) {
	if s == nil {
		return
	}
	e := &readAhead{key: key, at: -1}
	s.ahead = append(s.ahead, e)
	s.p.WhenSent(func() error {
		e.value, e.err = read()
		return nil // a failure is the answer of the call that asks for it
	})
}

// knownAhead keeps value, just read, under key for a later call, current as long as no other
// statement is issued (see keepAhead). Outside a unit of work it does nothing.
func (s *session) knownAhead(key, value any) {
	if s == nil {
		return
	}
	s.ahead = append(s.ahead, &readAhead{key: key, value: value, at: s.p.Issued()})
}

// sealAhead marks the answers read ahead as current: the read that carried them was sent.
func (s *session) sealAhead() {
	if s == nil {
		return
	}
	for _, e := range s.ahead {
		if e.at < 0 {
			e.at = s.p.Issued()
		}
	}
}

// aheadOf is the answer read ahead under key, if it is still current; it is used once.
func (s *session) aheadOf(key any) (any, error, bool) {
	if s == nil {
		return nil, nil, false
	}
	for i, e := range s.ahead {
		if e.key == key && e.at == s.p.Issued() {
			s.ahead = append(s.ahead[:i], s.ahead[i+1:]...)
			return e.value, e.err, true
		}
	}
	return nil, nil, false
}

// findAhead is the first current answer read ahead that match accepts.
func (s *session) findAhead(match func(key, value any) bool) (any, bool) {
	if s == nil {
		return nil, false
	}
	for i, e := range s.ahead {
		if e.at == s.p.Issued() && e.err == nil && match(e.key, e.value) {
			s.ahead = append(s.ahead[:i], s.ahead[i+1:]...)
			return e.value, true
		}
	}
	return nil, false
}

// keepAhead keeps the answers current over the n statements just issued, which change none of
// them.
func (s *session) keepAhead(n int) {
	if s == nil {
		return
	}
	for _, e := range s.ahead {
		if e.at >= 0 && e.at == s.p.Issued()-n {
			e.at = s.p.Issued()
		}
	}
}

// lockedFile records that this unit of work holds the lock of a file's row.
func (s *session) lockedFile(id int64) {
	if s == nil {
		return
	}
	if s.locked == nil {
		s.locked = map[int64]bool{}
	}
	s.locked[id] = true
}

// holdsFile reports whether this unit of work holds the lock of a file's row.
func (s *session) holdsFile(id int64) bool { return s != nil && s.locked[id] }
