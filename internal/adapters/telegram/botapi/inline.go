package botapi

import (
	"encoding/json"
	"fmt"

	"github.com/go-telegram/bot/models"
)

// Inline mode: a user types "@bot query" in any chat; the bot answers with answerInlineQuery.

// maxInlineResults is how many results one answer may carry.
const maxInlineResults = 50

// SendInlineQuery plays a user typing "@<bot> query" in a chat: it queues the inline_query
// update Telegram would send (offset is the next_offset of the answer being scrolled, "" at
// first) and returns it.
func (s *Server) SendInlineQuery(from models.User, query, offset string) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprint(5_000_000_000_000_000_000 + s.nextSeq())
	s.inline[id] = false
	q := &models.InlineQuery{ID: id, From: &from, Query: query, Offset: offset, ChatType: "sender"}
	return s.updates.push(models.Update{InlineQuery: q})
}

func answerInlineQuery(s *Server, p params) (any, *APIError) {
	id := p["inline_query_id"]
	if answered, ok := s.inline[id]; !ok || answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	var results []map[string]json.RawMessage
	if json.Unmarshal([]byte(p["results"]), &results) != nil {
		return nil, badRequest("can't parse inline query results JSON object")
	}
	if len(results) > maxInlineResults {
		return nil, badRequest("RESULTS_TOO_MUCH")
	}
	seen := map[string]bool{}
	for _, r := range results {
		var resultID, kind string
		_ = json.Unmarshal(r["id"], &resultID)
		_ = json.Unmarshal(r["type"], &kind)
		switch {
		case kind == "":
			return nil, badRequest("can't parse inline query result: result type must be non-empty")
		case resultID == "" || len(resultID) > 64:
			return nil, badRequest("RESULT_ID_INVALID")
		case seen[resultID]:
			return nil, badRequest("RESULT_ID_DUPLICATE")
		}
		if apiErr := checkInlineResult(r); apiErr != nil {
			return nil, apiErr
		}
		seen[resultID] = true
	}
	if len(p["next_offset"]) > 64 {
		return nil, badRequest("NEXT_OFFSET_INVALID")
	}
	s.inline[id] = true
	return true, nil
}
