package botapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// These tests speak plain HTTP to getUpdates, the way the adapter's own poller does.

var bob = models.User{ID: 2002, FirstName: "Bob"}

type answer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
}

func post(t *testing.T, ctx context.Context, s *testServer, method, contentType string, body io.Reader) (answer, int) {
	t.Helper()
	a, status, err := call(ctx, s, method, contentType, body)
	require.NoError(t, err)
	return a, status
}

// call is post for goroutines other than the test's, which must not stop the test.
func call(ctx context.Context, s *testServer, method, contentType string, body io.Reader) (answer, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+"/bot"+botapi.Token+"/"+method, body)
	if err != nil {
		return answer{}, 0, err
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{}, 0, err
	}
	defer resp.Body.Close()
	var a answer
	return a, resp.StatusCode, json.NewDecoder(resp.Body).Decode(&a)
}

// getUpdates calls getUpdates with a JSON body and returns the updates.
func getUpdates(t *testing.T, s *testServer, offset int64, timeout int) []models.Update {
	t.Helper()
	body := fmt.Sprintf(`{"offset":%d,"limit":100,"timeout":%d,"allowed_updates":["message","callback_query"]}`, offset, timeout)
	a, status := post(t, context.Background(), s, "getUpdates", "application/json", strings.NewReader(body))
	require.Equal(t, http.StatusOK, status, a.Description)
	require.True(t, a.OK)
	require.Equal(t, byte('['), a.Result[0], "result is an array, never null: %s", a.Result)
	var ups []models.Update
	require.NoError(t, json.Unmarshal(a.Result, &ups))
	return ups
}

func ids(ups []models.Update) []int64 {
	out := make([]int64, len(ups))
	for i, u := range ups {
		out[i] = u.ID
	}
	return out
}

func TestUsersUpdatesLookLikeTelegrams(t *testing.T) {
	s := newServer(t)
	first := s.SendText(alice, "/start now")
	second := s.SendText(alice, "hello")
	other := s.SendText(bob, "hi")

	assert.Equal(t, []int64{1, 2, 3}, []int64{first.ID, second.ID, other.ID})
	assert.Equal(t, []int{1, 2, 1}, []int{first.Message.ID, second.Message.ID, other.Message.ID}, "message ids grow per chat")
	m := first.Message
	assert.NotZero(t, m.Date)
	assert.Equal(t, alice.ID, m.Chat.ID)
	assert.Equal(t, models.ChatTypePrivate, m.Chat.Type)
	assert.Equal(t, alice, *m.From)
	assert.Equal(t, []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 6}}, m.Entities)
	assert.Empty(t, second.Message.Entities)

	got := getUpdates(t, s, 0, 0)
	require.Len(t, got, 3)
	assert.Equal(t, "/start now", got[0].Message.Text)
	assert.Equal(t, first.Message.Date, got[0].Message.Date)
}

func TestGetUpdatesOffsetConfirmsAndUnconfirmedUpdatesComeAgain(t *testing.T) {
	s := newServer(t)
	for range 3 {
		s.SendText(alice, "x")
	}

	assert.Equal(t, []int64{1, 2, 3}, ids(getUpdates(t, s, 0, 0)))
	assert.Equal(t, []int64{1, 2, 3}, ids(getUpdates(t, s, 0, 0)), "nothing confirmed: delivered again")
	assert.Equal(t, 3, s.Pending())

	assert.Equal(t, []int64{3}, ids(getUpdates(t, s, 3, 0)), "offset 3 confirms 1 and 2")
	assert.Equal(t, int64(3), s.ConfirmedOffset())
	assert.Equal(t, 1, s.Pending())

	assert.Empty(t, getUpdates(t, s, 4, 0))
	assert.Equal(t, int64(4), s.ConfirmedOffset())
	assert.Zero(t, s.Pending())
	assert.Empty(t, getUpdates(t, s, 0, 0), "confirmed updates are gone for good")
	assert.Empty(t, s.Calls(), "getUpdates is not recorded")
}

func TestEnqueueReplaysAConfirmedUpdate(t *testing.T) {
	s := newServer(t)
	upd := s.SendText(alice, "x")
	getUpdates(t, s, upd.ID+1, 0)

	again := s.Enqueue(upd)
	assert.Equal(t, upd.ID, again.ID, "an update with an id keeps it")
	assert.Equal(t, []int64{upd.ID}, ids(getUpdates(t, s, 0, 0)))
	fresh := s.Enqueue(models.Update{Message: &models.Message{Chat: models.Chat{ID: bob.ID}, From: &bob, Text: "raw", Date: 1}})
	assert.Equal(t, upd.ID+1, fresh.ID, "an update without one gets the next")
}

func TestGetUpdatesHonoursLimit(t *testing.T) {
	s := newServer(t)
	for range 5 {
		s.SendText(alice, "x")
	}
	a, _ := post(t, context.Background(), s, "getUpdates", "application/x-www-form-urlencoded", strings.NewReader("offset=2&limit=2"))
	var ups []models.Update
	require.NoError(t, json.Unmarshal(a.Result, &ups))
	assert.Equal(t, []int64{2, 3}, ids(ups))
}

func TestALongPollWakesWhenAnUpdateArrives(t *testing.T) {
	s := newServer(t)
	got := make(chan answer, 1)
	start := time.Now()
	go func() {
		a, _, _ := call(context.Background(), s, "getUpdates", "application/json", strings.NewReader(`{"timeout":30}`))
		got <- a
	}()
	require.Eventually(t, func() bool { return s.Waiting() == 1 }, 5*time.Second, time.Millisecond, "the poll waits")

	s.SendText(alice, "wake up")
	select {
	case a := <-got:
		var ups []models.Update
		require.NoError(t, json.Unmarshal(a.Result, &ups))
		require.Len(t, ups, 1)
		assert.Equal(t, "wake up", ups[0].Message.Text)
		assert.Less(t, time.Since(start), 10*time.Second)
	case <-time.After(10 * time.Second):
		t.Fatal("the long poll did not wake")
	}
}

func TestALongPollWithNothingToSayAnswersEmptyAtTheTimeout(t *testing.T) {
	s := newServer(t)
	start := time.Now()
	assert.Empty(t, getUpdates(t, s, 0, 1))
	assert.GreaterOrEqual(t, time.Since(start), time.Second)
}

func TestACancelledLongPollEndsAtOnce(t *testing.T) {
	s := newServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+"/bot"+botapi.Token+"/getUpdates", strings.NewReader(`{"timeout":30}`))
		req.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	require.Eventually(t, func() bool { return s.Waiting() == 1 }, 5*time.Second, time.Millisecond)
	cancel()
	<-done
	require.Eventually(t, func() bool { return s.Waiting() == 0 }, 5*time.Second, time.Millisecond, "the server let go of the poll")
	s.SendText(alice, "after")
	assert.Len(t, getUpdates(t, s, 0, 0), 1, "the update waits for the next poll")
}

func TestASecondPollerTerminatesTheFirst(t *testing.T) {
	s := newServer(t)
	first := make(chan answer, 1)
	go func() {
		a, _, _ := call(context.Background(), s, "getUpdates", "application/json", strings.NewReader(`{"timeout":30}`))
		first <- a
	}()
	require.Eventually(t, func() bool { return s.Waiting() == 1 }, 5*time.Second, time.Millisecond)

	assert.Empty(t, getUpdates(t, s, 0, 0))
	a := <-first
	assert.False(t, a.OK)
	assert.Equal(t, http.StatusConflict, a.ErrorCode)
	assert.Contains(t, a.Description, "terminated by other getUpdates request")
}

func TestGetUpdatesConflictsWithAWebhook(t *testing.T) {
	s := newServer(t)
	_, status := post(t, context.Background(), s, "setWebhook", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"url": {"https://bot.example/hook"}}.Encode()))
	require.Equal(t, http.StatusOK, status)
	a, status := post(t, context.Background(), s, "getUpdates", "application/json", strings.NewReader(`{}`))
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, a.Description, "webhook is active")
}

func TestFailNextAppliesToGetUpdates(t *testing.T) {
	s := newServer(t)
	s.SendText(alice, "x")
	s.FailNext("getUpdates", 1, http.StatusBadGateway, "", 0)
	a, status := post(t, context.Background(), s, "getUpdates", "application/json", strings.NewReader(`{}`))
	assert.Equal(t, http.StatusBadGateway, status)
	assert.Equal(t, "Bad Gateway", a.Description)
	assert.Len(t, getUpdates(t, s, 0, 0), 1)
}

func TestRequestsInEveryEncodingAreRecordedAlike(t *testing.T) {
	s := newServer(t)
	kb := `{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}`

	_, status := post(t, context.Background(), s, "sendMessage", "application/json",
		strings.NewReader(`{"chat_id":1001,"text":"json","reply_markup":`+kb+`}`))
	require.Equal(t, http.StatusOK, status)
	_, status = post(t, context.Background(), s, "SENDMESSAGE", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"chat_id": {"1001"}, "text": {"form"}, "reply_markup": {kb}}.Encode()))
	require.Equal(t, http.StatusOK, status)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	require.NoError(t, w.WriteField("chat_id", "1001"))
	require.NoError(t, w.WriteField("text", "multipart"))
	require.NoError(t, w.WriteField("reply_markup", kb))
	require.NoError(t, w.Close())
	_, status = post(t, context.Background(), s, "sendMessage", w.FormDataContentType(), &body)
	require.Equal(t, http.StatusOK, status)

	calls := s.CallsTo("sendMessage")
	require.Len(t, calls, 3, "method names are case-insensitive")
	for i, text := range []string{"json", "form", "multipart"} {
		assert.Equal(t, map[string]string{"chat_id": "1001", "text": text, "reply_markup": kb}, calls[i].Params)
	}
	assert.Len(t, s.Messages(alice.ID), 3)
}

func TestUnknownPathsAndMethods(t *testing.T) {
	s := newServer(t)
	for path, want := range map[string]int{
		"/bot" + botapi.Token + "/sendPoll": http.StatusNotFound,
		"/botWRONG/getMe":                   http.StatusUnauthorized,
		"/favicon.ico":                      http.StatusNotFound,
	} {
		resp, err := http.Post(s.URL()+path, "application/json", strings.NewReader(`{}`))
		require.NoError(t, err)
		var a answer
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&a))
		resp.Body.Close()
		assert.Equal(t, want, resp.StatusCode, path)
		assert.Equal(t, want, a.ErrorCode, path)
		assert.False(t, a.OK)
	}
}
