package botapi

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// APIError is an error answer of the Bot API.
type APIError struct {
	Code        int
	Description string
	RetryAfter  int // seconds; only for 429
}

func (e APIError) Error() string { return fmt.Sprintf("%d %s", e.Code, e.Description) }

var (
	errNotFound     = APIError{Code: http.StatusNotFound, Description: "Not Found"}
	errUnauthorized = APIError{Code: http.StatusUnauthorized, Description: "Unauthorized"}
)

func badRequest(description string) *APIError {
	return &APIError{Code: http.StatusBadRequest, Description: "Bad Request: " + description}
}

type okResponse struct {
	OK     bool `json:"ok"`
	Result any  `json:"result"` // never omitted: an empty getUpdates answer is "result":[]
}

type errorResponse struct {
	OK          bool            `json:"ok"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *responseParams `json:"parameters,omitempty"`
}

type responseParams struct {
	RetryAfter int `json:"retry_after,omitempty"`
}

// writeResultLocked answers result, encoded under s.mu: go-telegram's MessageOrigin.MarshalJSON
// writes into the origin it encodes, which messages of the chat and queued updates share.
func (s *Server) writeResultLocked(w http.ResponseWriter, result any) {
	s.mu.Lock()
	body, err := json.Marshal(okResponse{OK: true, Result: result})
	s.mu.Unlock()
	if err != nil {
		writeError(w, APIError{Code: http.StatusInternalServerError, Description: "Internal Server Error: " + err.Error()})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// writeError answers with the error's code as the HTTP status, as Telegram does.
func writeError(w http.ResponseWriter, e APIError) {
	r := errorResponse{ErrorCode: e.Code, Description: e.Description}
	if e.RetryAfter > 0 {
		r.Parameters = &responseParams{RetryAfter: e.RetryAfter}
	}
	writeJSON(w, e.Code, r)
}

func writeJSON(w http.ResponseWriter, status int, r any) {
	body, err := json.Marshal(r)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error: ` + err.Error() + `"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
