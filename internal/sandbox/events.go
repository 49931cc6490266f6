package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/go-telegram/bot/models"
)

// statusEvery is how often the live stream tells whether the bot is taking updates; it doubles
// as a keep-alive.
const statusEvery = 5 * time.Second

type status struct {
	Online bool   `json:"online"`
	Bot    string `json:"bot"`
}

// events streams a user's chat to the page as server-sent events: first "history" (every message
// of the chat so far), then an unnamed event for each change (a botapi.Event), and "status" now
// and then. The stream ends when the page goes, the sandbox stops, or the page falls behind;
// the browser then reconnects on its own and gets a fresh history.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	user, ok := s.user(w, r)
	if !ok {
		return
	}
	history, events, stop := s.api.Watch(user.ID)
	defer stop()
	if history == nil {
		history = []models.Message{}
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	send := func(name string, v any) bool {
		data, err := json.Marshal(v)
		if err != nil {
			return false
		}
		if name != "" {
			fmt.Fprintf(w, "event: %s\n", name)
		}
		fmt.Fprintf(w, "data: %s\n\n", data)
		return rc.Flush() == nil
	}
	fmt.Fprint(w, "retry: 1000\n")
	if !send("history", map[string]any{"messages": history}) || !send("status", s.status()) {
		return
	}
	tick := time.NewTicker(statusEvery)
	defer tick.Stop()
	for {
		select {
		case ev, open := <-events:
			if !open || !send("", ev) {
				return
			}
		case <-tick.C:
			if !send("status", s.status()) {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

func (s *Server) status() status {
	return status{Online: s.api.Online(), Bot: s.api.Bot().Username}
}
