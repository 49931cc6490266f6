package tgtest

// Waiting is the number of long polls waiting for an update, so tests can enqueue while one waits.
func (s *Server) Waiting() int {
	s.updates.mu.Lock()
	defer s.updates.mu.Unlock()
	return s.updates.waiting
}
