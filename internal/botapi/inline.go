package botapi

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/inline"
)

// Inline mode: a user types "@bot query" in a chat; Telegram sends the bot an inline_query, the
// bot answers with answerInlineQuery, the app shows the results above the message box, and the
// result the user picks is sent into the chat by the user, "via @bot". With the inline feedback
// of @BotFather off, as it is by default, the bot is not told which result was chosen.

// MaxInlineQuery is the longest query Telegram sends, in characters.
const MaxInlineQuery = 256

// EventInline is the bot's answer to an inline query of the chat's user: Inline has the results.
const EventInline EventType = "inline"

// InlineAnswer is an answer to an inline query, as a Telegram app shows it.
type InlineAnswer = inline.Answer

// InlineResult is one result of an answer: what the app lists, and the file it would send.
type InlineResult = inline.Result

// inlineQuery is an inline query the server sent, and once answered, its results.
type inlineQuery struct {
	from   models.User
	query  string
	answer *InlineAnswer
	raw    map[string]inline.Raw // the results as the bot sent them, by id
	seq    int64                 // when it was sent, to forget the oldest
}

// keepInlineQueries bounds the inline queries remembered: a sandbox sends one per pause in typing.
const keepInlineQueries = 1000

// forgetOldInlineQueries forgets the older half of the queries once there are too many, as
// Telegram forgets queries that are no longer answered or chosen from. The caller holds s.mu.
func (s *Server) forgetOldInlineQueries() {
	if len(s.inline) < keepInlineQueries {
		return
	}
	for id, q := range s.inline {
		if q.seq <= s.seq-keepInlineQueries/2 {
			delete(s.inline, id)
		}
	}
}

// SendInlineQuery plays a user typing "@<bot> query" in a chat: it queues the inline_query
// update Telegram would send (offset is the next_offset of the answer being scrolled, "" at
// first) and returns it.
func (s *Server) SendInlineQuery(from models.User, query, offset string) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprint(5_000_000_000_000_000_000 + s.nextSeq())
	s.forgetOldInlineQueries()
	s.inline[id] = &inlineQuery{from: from, query: query, seq: s.seq}
	q := &models.InlineQuery{ID: id, From: &from, Query: query, Offset: offset, ChatType: "sender"}
	return s.updates.Push(models.Update{InlineQuery: q})
}

func answerInlineQuery(s *Server, p params) (any, *APIError) {
	id := p["inline_query_id"]
	q, ok := s.inline[id]
	if !ok || q.answer != nil {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	answer, raw, err := inline.Parse(id, q.query, p["results"], p["next_offset"], checkMarkup)
	var apiErr APIError
	switch {
	case errors.As(err, &apiErr):
		return nil, &apiErr
	case err != nil:
		return nil, badRequest(err.Error())
	}
	q.answer, q.raw = answer, raw
	s.publish(q.from.ID, Event{Type: EventInline, Inline: answer})
	return true, nil
}

// checkMarkup checks a reply_markup as parseMarkup does, for inline.Parse.
func checkMarkup(raw string) error {
	if _, apiErr := parseMarkup(raw); apiErr != nil {
		return *apiErr
	}
	return nil
}

// ChooseInlineResult can refuse these; the message of each can be shown to the person choosing.
var (
	ErrInlineResultGone = errors.New("that result is no longer offered: type the query again")
	ErrInlineResultFile = errors.New("the bot offered a file this server does not know")
	ErrInlineResultKind = errors.New("this server sends files and texts chosen in inline mode, not places, contacts or games")
)

// ChooseInlineResult plays the user picking result resultID of the answer to their inline query
// queryID: the result is sent into the user's chat with the bot as the user's message, via the
// bot, and, as that chat is the bot's, queued as an update for it.
func (s *Server) ChooseInlineResult(from models.User, queryID, resultID string) (models.Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.inline[queryID]
	if !ok || q.answer == nil || q.from.ID != from.ID || q.raw[resultID] == nil {
		return models.Update{}, ErrInlineResultGone
	}
	m, err := s.inlineMessage(q.raw[resultID])
	if err != nil {
		return models.Update{}, err
	}
	bot := s.bot
	m.ViaBot = &bot
	return s.sendFrom(from, m), nil
}

// inlineMessage is the message a chosen result makes: its input_message_content if it has one,
// else its cached file with its caption; the result's keyboard goes with it. The caller holds s.mu.
func (s *Server) inlineMessage(r inline.Raw) (models.Message, error) {
	res := inline.Read(r)
	var m models.Message
	switch f, isFile := inline.FileFields[res.Type]; {
	case res.Text != "":
		m.Text = res.Text
	case isFile:
		kept, ok := s.files.Get(res.FileID)
		if !ok || kept.Kind != f.Kind && !(f.Kind == "animation" && kept.Kind == "document") {
			return m, ErrInlineResultFile
		}
		m = kept.Media
		if res.Type != "sticker" && utf8.RuneCountInString(res.Caption) <= maxCaptionLen {
			m.Caption = res.Caption
		}
	default:
		return m, fmt.Errorf("%w: a %q result", ErrInlineResultKind, res.Type)
	}
	if raw, ok := r["reply_markup"]; ok {
		kb, apiErr := parseMarkup(string(raw))
		if apiErr == nil {
			m.ReplyMarkup = kb
		}
	}
	return m, nil
}
