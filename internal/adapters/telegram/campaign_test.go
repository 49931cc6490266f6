package telegram

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/incoming"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// campaignBot is the bot over the in-memory store, polling the stand-in.
func campaignBot(t *testing.T, api *tgtest.Server, a app.Application, log *zap.Logger) {
	t.Helper()
	cfg := Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: 10 * time.Second}
	client, err := NewClient(cfg, log)
	require.NoError(t, err)
	router := NewRouter(a, app.Limits{MaxFileSize: 1 << 30}, NewSender(client, log), nil, log)
	p := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	p.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		assert.NoError(t, p.Stop(ctx))
	})
}

// forgedCallbacks is every action of the codec with every shape of argument: ids that exist
// (Ann's), that exist nowhere, huge, negative, zero; lists of every source; and payloads the
// codec never makes.
func forgedCallbacks(ids []int64) []string {
	actions := views.Actions()
	slices.Sort(actions)
	seen := map[string]bool{}
	var out []string
	add := func(data string) {
		if !seen[data] && len(data) <= 64 {
			seen[data] = true
			out = append(out, data)
		}
	}
	for _, act := range actions {
		for _, id := range ids {
			filters := []domain.FileFilter{{}, {Kind: domain.KindDocument}, {CategoryID: id}, {Uncategorised: true}, {Trashed: true}, {SearchID: id}}
			for i, f := range filters {
				add(views.EncodeCallback(views.Callback{Action: act, FileID: id, CategoryID: id, ShareID: id, Number: id,
					Language: []domain.Language{domain.English, domain.Russian, "xx"}[i%3],
					List:     views.ListRef{Filter: f, Cursor: domain.Cursor{ID: id, Backward: i%2 == 1}}, Page: domain.Cursor{ID: id, Backward: i%2 == 0}}))
			}
			add(fmt.Sprintf("%s|%s|%d|%d|%d", views.CallbackVersion, act, id, id, id))
		}
		add(fmt.Sprintf("%s|%s", views.CallbackVersion, act))
		add(fmt.Sprintf("%s|%s|||", views.CallbackVersion, act))
		add(fmt.Sprintf("%s|%s|-1|s-1|-1", views.CallbackVersion, act))
	}
	for _, junk := range []string{"", "|", "1", "1|", "9|m", "1|zz", "1|f|abc", "1|l|c18446744073709551616|0", "\x00", "1|f|\x00"} {
		add(junk)
	}
	return out
}

// TestAForgedButtonCampaignLeavesNoUpdateUnhandled presses every forged button as Eve, and as
// Ann on ids that are not hers: each press is answered exactly once, and the offset passes every
// one of them (none is left for ever, stalling the others).
func TestAForgedButtonCampaignLeavesNoUpdateUnhandled(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	ctx := t.Context()
	store := memory.NewStore()
	a := app.New(store.UnitOfWork(), memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)), app.RandomTokens{}, app.Limits{MaxFileSize: 1 << 30, MaxCategories: 50})
	annUser := models.User{ID: 77, FirstName: "Ann", LanguageCode: "en"}
	eve := models.User{ID: 666, FirstName: "Eve", LanguageCode: "ru"}
	ann, err := a.Commands.RegisterUser.Handle(ctx, incoming.Profile(&annUser))
	require.NoError(t, err)
	fileID, uniqueID := api.NewFileIDs()
	saved, err := a.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: domain.IncomingFile{TelegramFileID: fileID, UniqueID: uniqueID, Name: "a.pdf", MIMEType: "application/pdf", Size: 10, Carrier: domain.KindDocument}})
	require.NoError(t, err)
	cat, err := a.Commands.Categories.Create(ctx, ann.ID, "Work")
	require.NoError(t, err)
	share, err := a.Commands.Shares.Create(ctx, ann.ID, saved.File.ID, 0)
	require.NoError(t, err)
	search, _, err := a.Commands.Search.Start(ctx, ann.ID, "a.pdf", 8, "")
	require.NoError(t, err)
	ids := []int64{0, saved.File.ID, cat.ID, share.Share.ID, search.ID, 999_999, math.MaxInt64, -1}
	campaignBot(t, api, a, zap.NewNop())

	datas := forgedCallbacks(ids)
	require.Greater(t, len(datas), 300, "the campaign covers the codec")
	var last models.Update
	queries := map[string]string{}
	for i, data := range datas {
		from := eve
		if i%4 == 0 {
			from = models.User{ID: 1000 + int64(i), FirstName: "Mallory"} // a stranger, never seen
		}
		last = api.PressButton(from, models.Message{}, data)
		queries[last.CallbackQuery.ID] = data
	}
	require.Eventually(t, func() bool { return api.ConfirmedOffset() > last.ID }, 60*time.Second, 10*time.Millisecond,
		"the offset passes every forged press (confirmed %d, last %d)", api.ConfirmedOffset(), last.ID)
	answered := map[string]int{}
	for _, c := range api.CallsTo("answerCallbackQuery") {
		answered[c.Params["callback_query_id"]]++
	}
	for id, data := range queries {
		assert.Equal(t, 1, answered[id], "the press of %q is answered once", data)
	}
	parked, err := a.Updates.Parked(ctx, tgtest.BotID, 0, len(datas))
	require.NoError(t, err)
	for _, p := range parked {
		t.Logf("parked: update %d (%s): %s", p.UpdateID, p.Payload, p.Error)
	}
	t.Logf("%d forged presses, %d parked", len(datas), len(parked))
	// A forged or stale button is bad input: it gets an answer, it is never a failure to park.
	assert.Empty(t, parked, "no forged press is parked")
}

// FuzzMessageUpdates sends hostile message payloads (texts, captions, file names, MIME types,
// sizes: NUL bytes, invalid UTF-8, bidi controls, huge numbers) through the router: every one
// is handled or parked, and none fails for ever or panics.
func FuzzMessageUpdates(f *testing.F) {
	f.Add("hello", "report.pdf", "application/pdf", int64(10), "caption")
	f.Add("/start \x00", "a\x00b.txt", "text/plain\x00", int64(-1), "nul \x00 byte")
	f.Add("\xff\xfe", "\u202efdp.exe", "", int64(math.MaxInt64), "\xc3\x28")
	f.Add("/search %_\\", "", "image/jpeg", int64(0), "")
	f.Add("/rename", "x", "video/mp4", int64(1<<40), "\u200b\u200d")
	store := memory.NewStore()
	a := app.New(store.UnitOfWork(), memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)), app.RandomTokens{}, app.Limits{MaxFileSize: 1 << 30, MaxCategories: 50})
	h := &recordingHandler{router: NewRouter(a, app.Limits{MaxFileSize: 1 << 30}, NewSender(nil, zap.NewNop()), nil, zap.NewNop())}
	var id int64
	f.Fuzz(func(t *testing.T, text, name, mime string, size int64, caption string) {
		d := updates.NewDispatcher(h, zaptest.NewLogger(t, zaptest.Level(zap.ErrorLevel)), 1, 5*time.Second, nil)
		from := &models.User{ID: 42, FirstName: name, LanguageCode: mime}
		chat := models.Chat{ID: 42, Type: models.ChatTypePrivate}
		id++
		msgs := []*models.Update{
			{ID: 3 * id, Message: &models.Message{ID: int(id), Chat: chat, From: from, Text: text}},
			{ID: 3*id + 1, Message: &models.Message{ID: int(id), Chat: chat, From: from, Caption: caption,
				Document: &models.Document{FileID: "f" + name, FileUniqueID: "u" + name, FileName: name, MimeType: mime, FileSize: size}}},
			{ID: 3*id + 2, Message: &models.Message{ID: int(id), Chat: chat, From: from, Caption: caption,
				Photo: []models.PhotoSize{{FileID: "p" + text, FileUniqueID: "q" + text, Width: 1, Height: 1, FileSize: int(size % (1 << 30))}}}},
		}
		handled := d.Run(make(chan struct{}), msgs)
		for _, u := range msgs {
			assert.True(t, handled[u.ID], "update %d is done with", u.ID)
		}
	})
}

// recordingHandler is the router without a Bot API: replies are built, not delivered.
type recordingHandler struct{ router *Router }

func (h *recordingHandler) Handle(ctx context.Context, upd *models.Update) error {
	_, err := h.router.app.Updates.OnceFor(ctx, 0, upd.ID, func(ctx context.Context) error {
		_, err := h.router.route(ctx, upd, zap.NewNop())
		return err
	})
	return err
}

func (h *recordingHandler) Park(ctx context.Context, upd *models.Update, cause error, attempts int) error {
	_, sender, err := h.router.app.Updates.Park(ctx, app.ParkedUpdate{UpdateID: upd.ID, Payload: []byte("{}"), Error: cause.Error(), Attempts: attempts}, updates.UserOf(upd), nil)
	_ = h.router.parkedReply(upd, sender)
	return err
}

func (h *recordingHandler) Label(upd *models.Update) string { return h.router.Label(upd) }
