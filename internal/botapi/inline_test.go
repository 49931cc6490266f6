package botapi_test

import (
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

func TestAnInlineAnswerReachesTheUserAndAChosenResultIsSentViaTheBot(t *testing.T) {
	s, b := newClient(t)
	doc, err := s.Upload(alice, botapi.Upload{Name: "contract.pdf", Data: []byte("%PDF-1.4 contract")})
	require.NoError(t, err)
	voice, err := s.Upload(alice, botapi.Upload{Name: "memo.ogg", Data: oggOpus(3), As: "voice"})
	require.NoError(t, err)
	_, events, stop := s.Watch(alice.ID)
	defer stop()

	q := s.SendInlineQuery(alice, "contr", "").InlineQuery
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Open", CallbackData: "1|o"}}}}
	_, err = b.AnswerInlineQuery(ctx(t), &bot.AnswerInlineQueryParams{InlineQueryID: q.ID, NextOffset: "2", Results: []models.InlineQueryResult{
		&models.InlineQueryResultCachedDocument{ID: "d", Title: "contract.pdf", DocumentFileID: doc.Message.Document.FileID, Caption: "signed", ReplyMarkup: kb},
		&models.InlineQueryResultCachedVoice{ID: "v", Title: "memo", VoiceFileID: voice.Message.Voice.FileID},
		&models.InlineQueryResultArticle{ID: "a", Title: "A note", InputMessageContent: &models.InputTextMessageContent{MessageText: "hello"}},
		&models.InlineQueryResultCachedDocument{ID: "x", Title: "gone.pdf", DocumentFileID: "BQACunknown"},
		&models.InlineQueryResultCachedPhoto{ID: "p", PhotoFileID: doc.Message.Document.FileID},
	}})
	require.NoError(t, err)

	ev := nextEvent(t, events)
	require.Equal(t, botapi.EventInline, ev.Type)
	require.NotNil(t, ev.Inline)
	assert.Equal(t, q.ID, ev.Inline.QueryID)
	assert.Equal(t, "contr", ev.Inline.Query)
	assert.Equal(t, "2", ev.Inline.NextOffset)
	require.Len(t, ev.Inline.Results, 5)
	assert.Equal(t, botapi.InlineResult{ID: "d", Type: "document", Title: "contract.pdf", Caption: "signed", FileID: doc.Message.Document.FileID}, ev.Inline.Results[0])
	assert.Equal(t, "hello", ev.Inline.Results[2].Text)

	before := s.Pending()
	for id, check := range map[string]func(m *models.Message){
		"d": func(m *models.Message) {
			require.NotNil(t, m.Document)
			assert.Equal(t, doc.Message.Document.FileUniqueID, m.Document.FileUniqueID)
			assert.Equal(t, "signed", m.Caption)
			assert.Equal(t, kb, m.ReplyMarkup)
		},
		"v": func(m *models.Message) { require.NotNil(t, m.Voice) },
		"a": func(m *models.Message) { assert.Equal(t, "hello", m.Text) },
	} {
		upd, err := s.ChooseInlineResult(alice, q.ID, id)
		require.NoError(t, err, id)
		m := upd.Message
		require.NotNil(t, m, id)
		assert.Equal(t, alice, *m.From, "the user sends it")
		require.NotNil(t, m.ViaBot, id)
		assert.Equal(t, botapi.BotID, m.ViaBot.ID, "via the bot")
		assert.Equal(t, alice.ID, m.Chat.ID)
		check(m)
		ev := nextEvent(t, events)
		assert.Equal(t, botapi.EventMessage, ev.Type, "the chat shows it")
	}
	assert.Equal(t, before+3, s.Pending(), "the bot gets each as a message in its chat")

	for name, c := range map[string]struct {
		from          models.User
		query, result string
		want          error
	}{
		"another user's query":            {bob, q.ID, "d", botapi.ErrInlineResultGone},
		"a result the bot did not offer":  {alice, q.ID, "zzz", botapi.ErrInlineResultGone},
		"a query never sent":              {alice, "123", "d", botapi.ErrInlineResultGone},
		"a file the server does not know": {alice, q.ID, "x", botapi.ErrInlineResultFile},
		"a photo result with a document":  {alice, q.ID, "p", botapi.ErrInlineResultFile},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.ChooseInlineResult(c.from, c.query, c.result)
			assert.ErrorIs(t, err, c.want)
		})
	}
	assert.Equal(t, before+3, s.Pending(), "a refused choice sends nothing")

	unanswered := s.SendInlineQuery(alice, "x", "").InlineQuery
	_, err = s.ChooseInlineResult(alice, unanswered.ID, "d")
	assert.ErrorIs(t, err, botapi.ErrInlineResultGone, "a query not answered yet offers nothing")
}

func nextEvent(t *testing.T, events <-chan botapi.Event) botapi.Event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-ctx(t).Done():
		t.Fatal("no event")
		return botapi.Event{}
	}
}
