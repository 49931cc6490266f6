package botapi_test

import (
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

const storageID int64 = -1005550001

// otherClient is a client with the token of the second bot.
func otherClient(t *testing.T, s *testServer) *bot.Bot {
	t.Helper()
	b, err := bot.New(botapi.OtherToken, bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	require.NoError(t, err)
	return b
}

func TestAFileIDBelongsToTheBotThatReceivedIt(t *testing.T) {
	s, a := newClient(t)
	up, err := s.Upload(alice, botapi.Upload{Name: "report.pdf", Data: []byte("%PDF report")})
	require.NoError(t, err)
	id := up.Message.Document.FileID
	_, err = a.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: id}})
	require.NoError(t, err, "the bot that received it sends it back")

	me, err := s.ChangeBot(botapi.OtherToken)
	require.NoError(t, err)
	assert.Equal(t, botapi.OtherBotID, me.ID)
	_, err = a.GetMe(ctx(t))
	assert.ErrorIs(t, err, bot.ErrorUnauthorized, "the old token is refused")
	b := otherClient(t, s)
	got, err := b.GetMe(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, botapi.OtherBotID, got.ID)

	_, err = b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: id}})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "Bad Request: wrong file identifier/HTTP URL specified")
	_, err = b.GetFile(ctx(t), &bot.GetFileParams{FileID: id})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "nor can it download it")

	again, err := s.Upload(alice, botapi.Upload{Name: "report.pdf", Data: []byte("%PDF report")})
	require.NoError(t, err)
	_, err = b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: again.Message.Document.FileID}})
	require.NoError(t, err, "what the new bot receives is its own")
	assert.Equal(t, up.Message.Document.FileUniqueID, again.Message.Document.FileUniqueID)
}

func TestABadTokenIsNoBot(t *testing.T) {
	s := newServer(t)
	for _, token := range []string{"", "123", "abc:def", "5:"} {
		_, err := s.ChangeBot(token)
		assert.Error(t, err, token)
	}
	assert.Equal(t, botapi.BotID, s.Bot().ID)
}

// keptInChannel is a document the first bot posted in the storage channel.
func keptInChannel(t *testing.T, s *testServer, a *bot.Bot) *models.Message {
	t.Helper()
	s.Channel(storageID, "Storage")
	up, err := s.Upload(alice, botapi.Upload{Name: "notes.txt", Data: []byte("my notes")})
	require.NoError(t, err)
	posted, err := a.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: storageID, Caption: "alice · notes.txt",
		Document: &models.InputFileString{Data: up.Message.Document.FileID}})
	require.NoError(t, err)
	return posted
}

func TestAnotherBotGetsFileIDsOfItsOwnByForwarding(t *testing.T) {
	s, a := newClient(t)
	posted := keptInChannel(t, s, a)
	_, err := s.ChangeBot(botapi.OtherToken)
	require.NoError(t, err)
	b := otherClient(t, s)
	forward := func() (*models.Message, error) {
		return b.ForwardMessage(ctx(t), &bot.ForwardMessageParams{ChatID: storageID, FromChatID: storageID, MessageID: posted.ID})
	}
	_, err = forward()
	require.ErrorIs(t, err, bot.ErrorForbidden)
	assert.Contains(t, err.Error(), "bot is not a member of the channel chat", "the new bot is in no channel until added")
	_, err = b.CopyMessage(ctx(t), &bot.CopyMessageParams{ChatID: alice.ID, FromChatID: storageID, MessageID: posted.ID})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "chat not found", "nor can it read the channel")

	s.SetBotStatus(alice, storageID, models.ChatMemberTypeAdministrator)
	fwd, err := forward()
	require.NoError(t, err)
	require.NotNil(t, fwd.Document)
	assert.NotEqual(t, posted.Document.FileID, fwd.Document.FileID, "a file_id of the new bot")
	assert.Equal(t, posted.Document.FileUniqueID, fwd.Document.FileUniqueID)
	require.NotNil(t, fwd.ForwardOrigin)
	require.NotNil(t, fwd.ForwardOrigin.MessageOriginChannel)
	assert.Equal(t, posted.ID, fwd.ForwardOrigin.MessageOriginChannel.MessageID)

	sent, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: fwd.Document.FileID}})
	require.NoError(t, err, "the new file_id sends the file")
	content, ok := s.File(sent.Document.FileID)
	require.True(t, ok)
	assert.Equal(t, "my notes", string(content.Data))
	ok, err = b.DeleteMessage(ctx(t), &bot.DeleteMessageParams{ChatID: storageID, MessageID: fwd.ID})
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestCopyMessageSendsTheFileAsTheBotsOwn(t *testing.T) {
	s, a := newClient(t)
	posted := keptInChannel(t, s, a)
	_, err := s.ChangeBot(botapi.OtherToken)
	require.NoError(t, err)
	s.SetBotStatus(alice, storageID, models.ChatMemberTypeAdministrator)
	b := otherClient(t, s)

	id, err := b.CopyMessage(ctx(t), &bot.CopyMessageParams{ChatID: alice.ID, FromChatID: storageID, MessageID: posted.ID,
		Caption: "your notes", ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Rename", CallbackData: "r:1"}})})
	require.NoError(t, err)
	last, ok := s.LastMessage(alice.ID)
	require.True(t, ok)
	assert.Equal(t, id.ID, last.ID)
	assert.Equal(t, "your notes", last.Caption, "the caption given replaces the channel's")
	assert.Nil(t, last.ForwardOrigin, "a copy shows no origin")
	require.NotNil(t, last.ReplyMarkup)
	assert.Equal(t, posted.Document.FileUniqueID, last.Document.FileUniqueID)
	_, err = b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: last.Document.FileID}})
	assert.NoError(t, err, "the copy carries a file_id of the bot that copied it")

	_, err = b.CopyMessage(ctx(t), &bot.CopyMessageParams{ChatID: alice.ID, FromChatID: storageID, MessageID: 999})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "message to copy not found")
}

func TestGetChatAndGetChatMemberTellWhatTheBotMayDo(t *testing.T) {
	s, b := newClient(t)
	s.Channel(storageID, "Storage")
	s.Group(groupID, "Team")
	s.SendTextInGroup(bob, groupID, "hi")

	info, err := b.GetChat(ctx(t), &bot.GetChatParams{ChatID: storageID})
	require.NoError(t, err)
	assert.Equal(t, models.ChatTypeChannel, info.Type)
	assert.Equal(t, "Storage", info.Title)
	status := func(chatID, userID int64) models.ChatMemberType {
		t.Helper()
		m, err := b.GetChatMember(ctx(t), &bot.GetChatMemberParams{ChatID: chatID, UserID: userID})
		require.NoError(t, err)
		return m.Type
	}
	assert.Equal(t, models.ChatMemberTypeAdministrator, status(storageID, botapi.BotID))
	assert.Equal(t, models.ChatMemberTypeMember, status(groupID, botapi.BotID))
	assert.Equal(t, models.ChatMemberTypeMember, status(groupID, bob.ID))
	assert.Equal(t, models.ChatMemberTypeLeft, status(groupID, 424242))

	s.SetBotStatus(alice, storageID, models.ChatMemberTypeMember)
	assert.Equal(t, models.ChatMemberTypeMember, status(storageID, botapi.BotID))
	_, err = b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: storageID, Text: "x"})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "need administrator rights in the channel chat")

	s.RemoveBot(alice, storageID)
	_, err = b.GetChat(ctx(t), &bot.GetChatParams{ChatID: storageID})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "a channel the bot is not in is not found")
	_, err = b.GetChat(ctx(t), &bot.GetChatParams{ChatID: -1007777})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "nor one it never saw")
	s.RemoveBot(alice, groupID)
	_, err = b.GetChatMember(ctx(t), &bot.GetChatMemberParams{ChatID: groupID, UserID: botapi.BotID})
	assert.ErrorIs(t, err, bot.ErrorForbidden)
}

func TestDeletingInAChannelNeedsAnAdministrator(t *testing.T) {
	s, a := newClient(t)
	posted := keptInChannel(t, s, a)
	s.SetBotStatus(alice, storageID, models.ChatMemberTypeMember)
	_, err := a.DeleteMessage(ctx(t), &bot.DeleteMessageParams{ChatID: storageID, MessageID: posted.ID})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "message can't be deleted")

	s.SetBotStatus(alice, storageID, models.ChatMemberTypeAdministrator)
	ok, err := a.DeleteMessage(ctx(t), &bot.DeleteMessageParams{ChatID: storageID, MessageID: posted.ID})
	require.NoError(t, err)
	assert.True(t, ok)
	_, err = a.CopyMessage(ctx(t), &bot.CopyMessageParams{ChatID: alice.ID, FromChatID: storageID, MessageID: posted.ID})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "a deleted post cannot be copied")
}
