package app

import "context"

// Leadership elects one instance, among those sharing a database, to do what only one may do at
// a time: long polling Telegram, where a second poller would cut the first one's requests short.
// It is infrastructure coordination rather than a use case, but the adapter that needs it
// (telegram) may not import the one that provides it (postgres), so the port lives here.
type Leadership interface {
	// Acquire waits until this instance leads, or ctx ends (then it returns ctx's error). lost is
	// closed if the leadership is lost without release being called (the connection holding it
	// died); release gives the leadership up and may be called more than once.
	Acquire(ctx context.Context) (lost <-chan struct{}, release func(), err error)
}
