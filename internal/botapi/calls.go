package botapi

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Call is one Bot API request the bot made (getUpdates aside).
type Call struct {
	Method string            // canonical name ("sendMessage"), whatever case was sent
	Params map[string]string // every field as its raw string; JSON objects stay JSON text
	Seq    int               // 1, 2, 3 … in arrival order
	Err    *APIError         // the error answered, nil if the call succeeded
	At     time.Time         // when it arrived, by Options.Now
}

func (c Call) String() string {
	keys := make([]string, 0, len(c.Params))
	for k := range c.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s", c.Seq, c.Method)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, c.Params[k])
	}
	if c.Err != nil {
		fmt.Fprintf(&b, " -> %v", *c.Err)
	}
	return b.String()
}

// record appends a call; the caller holds s.mu.
func (s *Server) record(method string, p params, apiErr *APIError) {
	s.callCount++
	s.calls = append(s.calls, Call{Method: method, Params: p.public(), Seq: s.callCount, Err: apiErr, At: s.now()})
	if s.keepCalls > 0 && len(s.calls) > s.keepCalls {
		s.calls = slices.Delete(s.calls, 0, len(s.calls)-s.keepCalls)
	}
	close(s.callsChanged)
	s.callsChanged = make(chan struct{})
}

// Calls are all calls but getUpdates, in arrival order, failed ones included (only the newest
// Options.KeepCalls if that is set).
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// LastSeq is the Seq of the newest call, 0 before any. WaitForCall returns the first match ever
// made, so to wait for a call yet to come, mark the moment and match on c.Seq > mark.
func (s *Server) LastSeq() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callCount
}

// CallsTo are the calls of one method, in arrival order.
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// AwaitCalls waits until n calls match and returns the first n that do. When ctx ends first it
// returns the matches so far, every call seen, and ctx's error.
func (s *Server) AwaitCalls(ctx context.Context, n int, match func(Call) bool) (found, seen []Call, err error) {
	for {
		s.mu.Lock()
		found = found[:0]
		for _, c := range s.calls {
			if match(c) {
				found = append(found, c)
			}
		}
		seen = slices.Clone(s.calls)
		changed := s.callsChanged
		s.mu.Unlock()
		if len(found) >= n {
			return found[:n], seen, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return found, seen, ctx.Err()
		}
	}
}

// ListCalls renders calls one a line, for failure messages.
func ListCalls(calls []Call) string {
	if len(calls) == 0 {
		return "  (none)"
	}
	lines := make([]string, len(calls))
	for i, c := range calls {
		lines[i] = "  " + c.String()
	}
	return strings.Join(lines, "\n")
}

// FailNext makes the next times calls of method fail with code and description (a default for
// the code when empty) and, when retryAfter > 0, parameters.retry_after. It works for getUpdates
// too. Failures queue up behind earlier ones for the same method.
func (s *Server) FailNext(method string, times int, code int, description string, retryAfter int) {
	if description == "" {
		description = defaultDescription(code, retryAfter)
	}
	name, _ := lookup(method)
	s.mu.Lock()
	defer s.mu.Unlock()
	for range times {
		s.faults[name] = append(s.faults[name], APIError{Code: code, Description: description, RetryAfter: retryAfter})
	}
}

func defaultDescription(code, retryAfter int) string {
	switch code {
	case http.StatusTooManyRequests:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusBadRequest:
		return "Bad Request"
	case http.StatusConflict:
		return "Conflict"
	}
	return http.StatusText(code)
}

// takeFault consumes the next injected failure of method; the caller holds s.mu.
func (s *Server) takeFault(method string) *APIError {
	queue := s.faults[method]
	if len(queue) == 0 {
		return nil
	}
	f := queue[0]
	s.faults[method] = queue[1:]
	return &f
}
