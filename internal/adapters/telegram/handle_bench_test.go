package telegram_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/metrics"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// cannedBotAPI answers every Bot API call at once, as Telegram would answer it succeeding: a
// message, or true. No network and no stand-in in the process, so a benchmark counts the bot's
// own work.
type cannedBotAPI struct{}

const (
	cannedMessage = `{"ok":true,"result":{"message_id":77,"date":1764700000,"chat":{"id":1,"type":"private"},"text":"ok"}}`
	cannedTrue    = `{"ok":true,"result":true}`
)

func (cannedBotAPI) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	body := cannedMessage
	if strings.HasPrefix(path.Base(req.URL.Path), "answer") {
		body = cannedTrue
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: req}, nil
}

// noRollback runs units of work on the memory store without its copy for a rollback (a copy of
// the whole store each time, which would be most of what a benchmark measures); the benchmarks'
// units of work all commit.
type noRollback struct{ store *memory.Store }

func (u noRollback) Do(ctx context.Context, fn func(context.Context, app.Repos) error) error {
	return fn(ctx, u.store.Repos())
}

// benchFlood is the Bot API client's transport as `make bench` runs the bot: no pacing
// (FLOOD_*=0), the default retries.
var benchFlood = flood.Config{Retries: 3, Backoff: 250 * time.Millisecond, AttemptTimeout: 10 * time.Second}

// benchWebhook is the bot as `filekeeper run` wires it in webhook mode — webhook, dispatcher,
// router, sender, the Bot API client with its flood and counting transports — over the memory store and a
// Bot API that answers at once; log is its logger.
func benchWebhook(b *testing.B, log *zap.Logger) *updates.Webhook {
	rec := metrics.New()
	client, err := bot.New(tgtest.Token, bot.WithSkipGetMe(), bot.WithServerURL("http://bot-api.invalid"),
		bot.WithHTTPClient(0, &http.Client{Timeout: 30 * time.Second, Transport: benchFlood.Transport(rec.Transport(cannedBotAPI{}), log)}))
	require.NoError(b, err)
	limits := app.Limits{MaxFileSize: 2_000_000_000, ConversationTTL: 15 * time.Minute, UploadQuietPeriod: 10 * time.Minute, AlbumWindow: 30 * time.Second}
	a := app.New(noRollback{memory.NewStore()}, memory.NewClock(time.Date(2026, 12, 2, 21, 0, 0, 0, time.UTC)), app.RandomTokens{}, limits)
	router := telegram.NewRouter(a, limits, telegram.NewSender(client, log), nil, log)
	return updates.NewWebhook(updates.NewDispatcher(router, log, 8, 30*time.Second, rec.ObserveUpdate))
}

// uploadUpdate is user's document, as the webhook receives it.
func uploadUpdate(b *testing.B, id, user int64) []byte {
	from := models.User{ID: user, FirstName: "U", LanguageCode: "en"}
	upd := models.Update{ID: id, Message: &models.Message{ID: int(id), Date: 1764700000, From: &from,
		Chat: models.Chat{ID: user, Type: models.ChatTypePrivate, FirstName: "U"},
		Document: &models.Document{FileID: fmt.Sprintf("BQACAgIAAxkBAAI%d", id), FileUniqueID: fmt.Sprintf("AgAD%d", id),
			FileName: fmt.Sprintf("report-%d.pdf", id), MimeType: "application/pdf", FileSize: 120_000}}}
	body, err := json.Marshal(upd)
	require.NoError(b, err)
	return body
}

// commandUpdate is user's text (a command), as the webhook receives it.
func commandUpdate(b *testing.B, id, user int64, text string) []byte {
	from := models.User{ID: user, FirstName: "U", LanguageCode: "en"}
	upd := models.Update{ID: id, Message: &models.Message{ID: int(id), Date: 1764700000, From: &from, Text: text,
		Chat:     models.Chat{ID: user, Type: models.ChatTypePrivate, FirstName: "U"},
		Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: len(text)}}}}
	body, err := json.Marshal(upd)
	require.NoError(b, err)
	return body
}

// BenchmarkHandleUpdate is one update through the whole bot (JSON in, the reply's request out)
// but the database and the network: an upload (the bench's most common update) and /files (a
// list of 8 of the user's files), each user with 9 files, with the production logger (JSON, info:
// one sampled line per update) writing to nowhere, and with no logger at all (what the log costs).
func BenchmarkHandleUpdate(b *testing.B) {
	jsonLog, err := logging.NewTo("info", "json", zapcore.AddSync(io.Discard))
	require.NoError(b, err)
	for _, tc := range []struct {
		name string
		log  *zap.Logger
	}{{"log=info", jsonLog}, {"log=none", zap.NewNop()}} {
		for _, kind := range []string{"upload", "files"} {
			b.Run(kind+"/"+tc.name, func(b *testing.B) {
				benchUpdates(b, benchWebhook(b, tc.log), kind)
			})
		}
	}
}

func benchUpdates(b *testing.B, w *updates.Webhook, kind string) {
	const users = 100
	ctx := context.Background()
	id := int64(1)
	for u := range int64(users) { // every user starts with 9 files
		for range 9 {
			require.NoError(b, w.HandleUpdate(ctx, uploadUpdate(b, id, 1000+u)))
			id++
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		user := 1000 + int64(i%users)
		body := commandUpdate(b, id, user, "/files")
		if kind == "upload" {
			body = uploadUpdate(b, id, user)
		}
		id++
		b.StartTimer()
		if err := w.HandleUpdate(ctx, body); err != nil {
			b.Fatal(err)
		}
	}
}
