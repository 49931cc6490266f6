package telegram

import (
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestARecordedReplyDecodesToWhatWasRecorded(t *testing.T) {
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "📂 My files", CallbackData: "1|k"}}}}
	file := domain.File{ID: 5, OwnerID: 2, TelegramFileID: "tg-5", UniqueID: "u5", Name: "a.pdf", MIMEType: "application/pdf", Size: 10,
		Kind: domain.KindDocument, Carrier: domain.KindDocument, Caption: "c", RenamePending: true, BotID: 9, Copy: domain.StorageCopy{ChatID: -100, MessageID: 3}}
	photo := domain.File{ID: 6, OwnerID: 2, TelegramFileID: "tg-6", Kind: domain.KindPhoto, Carrier: domain.KindPhoto}
	var r Reply
	r.Answer("cb-1", "done", true)
	r.actions = append(r.actions, sendText{chatID: 77, view: views.View{Text: "✅ Saved", Keyboard: kb}, replyTo: 4,
		after: &afterSend{Prompt: &promptSent{User: 2, Step: "rename"}}})
	r.Show(77, 12, views.View{Text: "Your files:", Keyboard: kb})
	r.DropKeyboard(77, 13)
	r.actions = append(r.actions, sendFile{chatID: 77, file: file, keyboard: kb, protect: true, storage: &fromStorage{lost: views.Plain("kept by another bot")}})
	r.actions = append(r.actions, sendAlbum{chatID: 77, files: []domain.File{photo, photo}, protect: true})
	r.AnswerInline("q-1", nil, "")

	payload, err := encodeReply(r)
	require.NoError(t, err)
	got, err := decodeReply(payload)
	require.NoError(t, err)
	require.Len(t, got.actions, len(r.actions))
	assert.Equal(t, r.actions[:4], got.actions[:4], "texts, edits, keyboards and answers as they were")
	f := got.actions[4].(sendFile)
	assert.Equal(t, file, f.file)
	assert.Equal(t, kb, f.keyboard)
	assert.True(t, f.protect)
	assert.Equal(t, "kept by another bot", f.storage.lost.Text)
	assert.Equal(t, r.actions[5], got.actions[5])
	assert.Equal(t, nothing{}, got.actions[6], "an inline answer is not sent late")

	again, err := encodeReply(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(payload), string(again))
}

func TestARecordedReplyOfAnotherFormatIsRefused(t *testing.T) {
	for _, payload := range []string{`{"v":2,"actions":[]}`, `{"v":1,"actions":[{"op":"teleport"}]}`, `not json`} {
		_, err := decodeReply([]byte(payload))
		assert.Error(t, err, payload)
	}
}

func TestOnlyAnAlbumOfUnknownOutcomeIsNotRepeated(t *testing.T) {
	assert.False(t, repeatUnknown(sendAlbum{}))
	for _, a := range []action{sendText{}, editText{}, dropKeyboard{}, answerCallback{}, sendFile{}} {
		assert.True(t, repeatUnknown(a), a.name())
	}
}

func TestAnInlineAnswerAloneIsNotRecorded(t *testing.T) {
	var r Reply
	r.AnswerInline("q", nil, "")
	assert.False(t, r.durable())
	r.Send(1, views.Plain("x"), 0)
	assert.True(t, r.durable())
}
