package botapi

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/queue"
)

var errTerminated = APIError{Code: http.StatusConflict,
	Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}

// Enqueue queues a raw update for getUpdates, giving it the next update_id if its ID is 0; an
// update with an ID keeps it, even one already confirmed (to replay a delivery). Its message, if
// any, joins the chat, so the bot can reply to it, edit or delete it.
func (s *Server) Enqueue(u models.Update) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.Message != nil {
		m := *u.Message // the caller's message stays untouched
		s.remember(&m)
		u.Message = &m
	}
	return s.updates.Push(u)
}

// ConfirmedOffset is the highest offset a getUpdates call has sent: every update below it was
// confirmed and dropped.
func (s *Server) ConfirmedOffset() int64 { return s.updates.Confirmed() }

// Pending is the number of queued updates not confirmed yet (delivered or not).
func (s *Server) Pending() int { return s.updates.Len() }

// onlineWithin is how long after its last getUpdates a bot still counts as taking updates: the
// pause between two long polls while it handles what it got.
const onlineWithin = 5 * time.Second

// Online tells whether a bot takes updates: a getUpdates waits or came lately, or a webhook is set.
func (s *Server) Online() bool {
	s.mu.Lock()
	hooked := s.webhook.info.URL != ""
	s.mu.Unlock()
	return hooked || s.updates.Polled(onlineWithin)
}

// Waiting is the number of getUpdates long polls waiting for an update: more than zero while a
// bot polls.
func (s *Server) Waiting() int {
	return s.updates.Waiting()
}

func (s *Server) serveGetUpdates(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	fault := s.takeFault("getUpdates")
	hooked := s.webhook.info.URL != ""
	s.mu.Unlock()
	switch {
	case fault != nil:
		writeError(w, *fault)
		return
	case hooked:
		writeError(w, APIError{Code: http.StatusConflict,
			Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
		return
	}
	req, apiErr := parseGetUpdates(p)
	if apiErr != nil {
		writeError(w, *apiErr)
		return
	}
	batch, err := s.updates.Get(r.Context(), req)
	if err != nil { // queue.ErrTerminated, its only error
		writeError(w, errTerminated)
		return
	}
	s.writeResultLocked(w, batch)
}

func parseGetUpdates(p params) (queue.Request, *APIError) {
	offset, err1 := p.int64("offset")
	limit, err2 := p.int64("limit")
	timeout, err3 := p.int64("timeout")
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			return queue.Request{}, badRequest(err.Error())
		}
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	req := queue.Request{Offset: offset, Limit: int(limit), Timeout: time.Duration(max(timeout, 0)) * time.Second}
	if raw, ok := p["allowed_updates"]; ok && raw != "" {
		req.Allowed = []string{}
		if json.Unmarshal([]byte(raw), &req.Allowed) != nil {
			return queue.Request{}, badRequest("can't parse allowed_updates JSON array")
		}
	}
	return req, nil
}
