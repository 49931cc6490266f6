package flood

import (
	"errors"
	"fmt"
)

// ErrNotSent marks a call that failed before its request reached the server whole: it was not
// done, so doing it later cannot do it twice. Any other failure of a call that went out (no
// answer, the connection lost after sending) leaves its outcome unknown.
var ErrNotSent = errors.New("the request was not sent")

// outcome is the error a try ends the call with.
func (a attempt) outcome() error {
	if a.err != nil && !a.written {
		return fmt.Errorf("%w: %w", ErrNotSent, a.err)
	}
	return a.err
}
