package botapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

const (
	groupID      int64 = -4001
	supergroupID int64 = -1001234567890
	channelID    int64 = -1009876543210
)

// getUpdatesOf is getUpdates asking for the update types allowed (a JSON array).
func getUpdatesOf(t *testing.T, s *testServer, allowed string) []models.Update {
	t.Helper()
	a, status := post(t, context.Background(), s, "getUpdates", "application/json",
		strings.NewReader(`{"offset":0,"limit":100,"timeout":0,"allowed_updates":`+allowed+`}`))
	require.Equal(t, http.StatusOK, status, a.Description)
	var ups []models.Update
	require.NoError(t, json.Unmarshal(a.Result, &ups))
	return ups
}

func TestSeveralPeopleWriteInOneGroup(t *testing.T) {
	s := newServer(t)
	chat := s.Group(groupID, "Team")
	assert.Equal(t, models.ChatTypeGroup, chat.Type)
	assert.Equal(t, models.ChatTypeSupergroup, s.Group(supergroupID, "Big team").Type)

	a := s.SendTextInGroup(alice, groupID, "/start@filekeeper_test_bot")
	b := s.SendInGroup(bob, groupID, models.Message{Document: &models.Document{FileID: "f", FileUniqueID: "u", FileName: "x.pdf"}})

	assert.Equal(t, []int{1, 2}, []int{a.Message.ID, b.Message.ID}, "one chat, one sequence of ids")
	for _, u := range []models.Update{a, b} {
		assert.Equal(t, groupID, u.Message.Chat.ID)
		assert.Equal(t, "Team", u.Message.Chat.Title)
		assert.Equal(t, models.ChatTypeGroup, u.Message.Chat.Type)
	}
	assert.Equal(t, alice, *a.Message.From)
	assert.Equal(t, bob, *b.Message.From)
	assert.Equal(t, models.MessageEntityTypeBotCommand, a.Message.Entities[0].Type)
	assert.ElementsMatch(t, []models.User{alice, bob}, s.Members(groupID))
	assert.Len(t, getUpdatesOf(t, s, `["message"]`), 2)
}

func TestAnAnonymousAdminWritesAsGroupAnonymousBotOnBehalfOfTheGroup(t *testing.T) {
	s := newServer(t)
	s.Group(supergroupID, "Big team")
	s.Group(groupID, "Team")

	one := s.SendAsAnonymousAdmin(supergroupID, models.Message{Text: "hello"})
	other := s.SendAsAnonymousAdmin(groupID, models.Message{Text: "hello"})

	for _, u := range []models.Update{one, other} {
		require.NotNil(t, u.Message.From)
		assert.Equal(t, int64(1087968824), u.Message.From.ID, "every anonymous admin of every group is one account")
		assert.Equal(t, "GroupAnonymousBot", u.Message.From.Username)
		require.NotNil(t, u.Message.SenderChat)
		assert.Equal(t, u.Message.Chat.ID, u.Message.SenderChat.ID, "sender_chat is the group itself")
	}
}

func TestAChannelPostComesAsChannelPostWithTheChannelAsSender(t *testing.T) {
	s := newServer(t)
	s.Channel(channelID, "News")
	s.PostInChannel(channelID, models.Message{Document: &models.Document{FileID: "f", FileUniqueID: "u"}})

	ups := getUpdatesOf(t, s, `["message","channel_post"]`)
	require.Len(t, ups, 1)
	post := ups[0].ChannelPost
	require.NotNil(t, post)
	assert.Nil(t, ups[0].Message)
	assert.Nil(t, post.From)
	assert.Equal(t, models.ChatTypeChannel, post.Chat.Type)
	assert.Equal(t, channelID, post.SenderChat.ID)
}

func TestBeingAddedAndRemovedComesAsMyChatMember(t *testing.T) {
	s, b := newClient(t)
	s.Group(groupID, "Team")
	s.AddBot(alice, groupID)
	s.RemoveBot(alice, groupID)

	ups := getUpdatesOf(t, s, `["message","my_chat_member"]`)
	require.Len(t, ups, 2)
	added, removed := ups[0].MyChatMember, ups[1].MyChatMember
	require.NotNil(t, added)
	assert.Equal(t, groupID, added.Chat.ID)
	assert.Equal(t, alice, added.From)
	assert.Equal(t, models.ChatMemberTypeLeft, added.OldChatMember.Type)
	assert.Equal(t, models.ChatMemberTypeMember, added.NewChatMember.Type)
	assert.Equal(t, botapi.BotID, added.NewChatMember.Member.User.ID)
	assert.Equal(t, models.ChatMemberTypeLeft, removed.NewChatMember.Type)

	_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: groupID, Text: "still here?"})
	require.ErrorIs(t, err, bot.ErrorForbidden)
	assert.Contains(t, err.Error(), "bot is not a member of the group chat")

	s.AddBot(alice, supergroupID)
	assert.Empty(t, getUpdatesOf(t, s, `["message"]`), "not asked for: not delivered")
}

func TestAnEditKeepsTheReplyHeaderOfTheMessageItAnswered(t *testing.T) {
	s, b := newClient(t)
	upload := s.SendText(alice, "mandelbrot.jpg")
	sent, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "✅ Saved",
		ReplyParameters: &models.ReplyParameters{MessageID: upload.Message.ID}})
	require.NoError(t, err)
	require.NotNil(t, sent.ReplyToMessage)

	edited, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "📄 report.pdf"})
	require.NoError(t, err)
	require.NotNil(t, edited.ReplyToMessage, "Telegram keeps the quote of the message answered")
	assert.Equal(t, upload.Message.ID, edited.ReplyToMessage.ID)
	last, _ := s.LastMessage(alice.ID)
	require.NotNil(t, last.ReplyToMessage)
	assert.Equal(t, "mandelbrot.jpg", last.ReplyToMessage.Text)
}
