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

func writeResult(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, okResponse{OK: true, Result: result})
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
