package tgtest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

var alice = models.User{ID: 1001, FirstName: "Alice", Username: "alice", LanguageCode: "en"}

func newClient(t *testing.T) (*tgtest.Server, *bot.Bot) {
	t.Helper()
	s := tgtest.NewServer()
	t.Cleanup(s.Close)
	b, err := bot.New(tgtest.Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	require.NoError(t, err)
	return s, b
}

func TestTheServerAnswersOnItsURL(t *testing.T) {
	s, b := newClient(t)
	me, err := b.GetMe(context.Background())
	require.NoError(t, err)
	assert.Equal(t, tgtest.BotID, me.ID)
	assert.Equal(t, s.Bot(), *me)
}

func TestWaitForCallsWaitsForLateCalls(t *testing.T) {
	s, b := newClient(t)
	go func() {
		for range 3 {
			_, _ = b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "late"})
		}
	}()
	calls := s.WaitForCalls(t, 5*time.Second, 3, func(c tgtest.Call) bool { return c.Params["text"] == "late" })
	require.Len(t, calls, 3)
	assert.Equal(t, []int{1, 2, 3}, []int{calls[0].Seq, calls[1].Seq, calls[2].Seq})

	mark := s.LastSeq()
	assert.Equal(t, 3, mark)
	go func() {
		_, _ = b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "late"})
	}()
	next := s.WaitForCall(t, 5*time.Second, func(c tgtest.Call) bool { return c.Seq > mark && c.Params["text"] == "late" })
	assert.Equal(t, 4, next.Seq)
}

// recorder is a testing.TB that keeps the failure instead of ending the test.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestWaitForCallFailsListingTheCallsSeen(t *testing.T) {
	s, b := newClient(t)
	_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "only this"})
	require.NoError(t, err)
	r := &recorder{TB: t}
	got := s.WaitForCalls(r, 10*time.Millisecond, 1, func(c tgtest.Call) bool { return c.Method == "sendPhoto" })
	assert.Nil(t, got)
	assert.Contains(t, r.failed, "0 of 1 matching calls")
	assert.Contains(t, r.failed, `#1 sendMessage chat_id="1001" text="only this"`)
}
