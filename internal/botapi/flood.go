package botapi

import (
	"fmt"
	"net/http"

	"github.com/filekeeper/filekeeper/internal/botapi/flood"
)

// FloodLimits are the rates of messages past which the server answers 429 Too Many Requests
// with parameters.retry_after, as Telegram does; a zero limit is off.
type FloodLimits = flood.Limits

// checkFlood counts a call of method, or refuses it with 429 when a limit is reached: only calls
// that send or edit a message in a chat count. The caller holds s.mu.
func (s *Server) checkFlood(method string, p params) *APIError {
	chatID := p["chat_id"]
	if chatID == "" || method == "sendChatAction" || !sends(method) {
		return nil
	}
	retryAfter := s.flood.Check(chatID, s.now())
	if retryAfter == 0 {
		return nil
	}
	return &APIError{Code: http.StatusTooManyRequests, Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), RetryAfter: retryAfter}
}
