package telegram_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var (
	root = models.User{ID: 10, FirstName: "Root", LanguageCode: "en"}
	eve  = models.User{ID: 66, FirstName: "Eve", Username: "eve", LanguageCode: "en"}
	bob  = models.User{ID: 88, FirstName: "Bob", LanguageCode: "ru"}
)

// startGuardedBot polls api with a bot over store under limits (admins, access, rate limit).
func startGuardedBot(t *testing.T, api *tgtest.Server, store *memory.Store, limits app.Limits) {
	t.Helper()
	startGuardedBotOver(t, api, store.UnitOfWork(), limits)
}

// slowUnitOfWork takes latency before each unit of work, as a database a network away would
// (outside the memory store's lock: units of work of different chats still overlap).
type slowUnitOfWork struct {
	app.UnitOfWork
	latency time.Duration
}

type inSlowUnitOfWork struct{}

// Do takes the latency once per transaction: one joined by a use case costs nothing more.
func (s slowUnitOfWork) Do(ctx context.Context, fn func(context.Context, app.Repos) error) error {
	if ctx.Value(inSlowUnitOfWork{}) == nil {
		time.Sleep(s.latency) // the round trips of a transaction, not a synchronisation
		ctx = context.WithValue(ctx, inSlowUnitOfWork{}, true)
	}
	return s.UnitOfWork.Do(ctx, fn)
}

func startGuardedBotOver(t *testing.T, api *tgtest.Server, uow app.UnitOfWork, limits app.Limits) {
	t.Helper()
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: wait}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	limits.MaxFileSize = 1 << 30
	a := app.New(uow, memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)), app.RandomTokens{}, limits)
	router := telegram.NewRouter(a, limits, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	poller.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, poller.Stop(ctx))
	})
}

// claims counts the updates the store recorded as handled (by forgetting them all).
func claims(t *testing.T, store *memory.Store) int {
	t.Helper()
	n, err := store.Repos().Updates.Prune(context.Background(), time.Now().Add(24*time.Hour), 1_000_000)
	require.NoError(t, err)
	return n
}

// textsSentTo are the messages the bot sent to chat, in order.
func textsSentTo(api *tgtest.Server, chat int64) []string {
	var texts []string
	for _, c := range api.CallsTo("sendMessage") {
		if c.Params["chat_id"] == fmt.Sprint(chat) {
			texts = append(texts, c.Params["text"])
		}
	}
	return texts
}

// waitConfirmed waits until Telegram was told every update up to last is handled.
func waitConfirmed(t *testing.T, api *tgtest.Server, last models.Update) {
	t.Helper()
	require.Eventually(t, func() bool { return api.ConfirmedOffset() > last.ID }, wait, 5*time.Millisecond)
}

func TestAnAllowlistRefusesAStrangerPolitelyAndKeepsNothingOfThem(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	store := memory.NewStore()
	startGuardedBot(t, api, store, app.Limits{AccessMode: domain.AccessAllowlist, AllowedIDs: []int64{ann.ID}, Admins: []int64{root.ID}})

	api.SendText(eve, "/start")
	f, u := api.NewFileIDs()
	doc := api.SendDocument(eve, models.Document{FileID: f, FileUniqueID: u, FileName: "secret.pdf", FileSize: 10}, "")
	press := api.PressButton(eve, *doc.Message, "1|u|n0")
	api.SendText(ann, "/start")
	last := api.SendText(root, "/start")
	waitConfirmed(t, api, last)
	api.WaitForCalls(t, wait, 4, func(c tgtest.Call) bool { return c.Method == "sendMessage" })

	refusal := "🔒 Sorry, this is a private bot: only the people its owner added can use it."
	assert.Equal(t, []string{refusal, refusal}, textsSentTo(api, eve.ID), "one polite sentence for each message, nothing else")
	answers := api.CallsTo("answerCallbackQuery")
	require.Len(t, answers, 1)
	assert.Equal(t, press.CallbackQuery.ID, answers[0].Params["callback_query_id"])
	assert.Equal(t, refusal, answers[0].Params["text"])
	assert.Contains(t, textsSentTo(api, ann.ID)[0], "Hi, Ann", "an allowed user is served")
	assert.Contains(t, textsSentTo(api, root.ID)[0], "Hi, Root", "an admin is always let in")

	ctx := context.Background()
	_, err := store.Repos().Users.ByTelegramID(ctx, eve.ID)
	assert.ErrorIs(t, err, domain.ErrNotFound, "no user row")
	counts, err := store.Repos().Stats.CountUsers(ctx, time.Time{}, time.Time{})
	require.NoError(t, err)
	assert.Equal(t, 2, counts.Total, "Ann and Root only")
	usage, err := store.Repos().Stats.Usage(ctx)
	require.NoError(t, err)
	assert.Zero(t, usage.Files, "no file")
	assert.Equal(t, 2, claims(t, store), "not even the claims of the stranger's updates")
}

func TestAnAdminBansByIDAndByReplyingToAForwardedMessage(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	store := memory.NewStore()
	startGuardedBot(t, api, store, app.Limits{Admins: []int64{root.ID}})
	f, u := api.NewFileIDs()
	api.SendDocument(eve, models.Document{FileID: f, FileUniqueID: u, FileName: "a.pdf", FileSize: 10}, "")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(eve.ID)
	})

	t.Run("by id: the ban's card offers to delete their files, or to unban", func(t *testing.T) {
		mark := api.LastSeq()
		api.SendText(root, fmt.Sprint("/ban ", eve.ID))
		call := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
		assert.Equal(t, "⛔ Eve (@eve) · 66 is banned: they get one short answer, and nothing else.\nThey keep 1 file: they stay until you delete them.", call.Params["text"])
		assert.JSONEq(t, `{"inline_keyboard":[[{"text":"🗑 Delete their 1 file","callback_data":"1|bd|1u"}],[{"text":"↩ Unban","callback_data":"1|bu|1u"}]]}`,
			stripCopyText(t, call.Params["reply_markup"]))
	})
	t.Run("by replying to a message forwarded from them, a user the bot never met", func(t *testing.T) {
		fwd := api.Send(root, models.Message{Text: "buy cheap followers", ForwardOrigin: &models.MessageOrigin{
			Type: models.MessageOriginTypeUser, MessageOriginUser: &models.MessageOriginUser{Date: 1, SenderUser: bob},
		}})
		waitConfirmed(t, api, fwd)
		mark := api.LastSeq()
		api.Send(root, models.Message{Text: "/ban", ReplyToMessage: fwd.Message,
			Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 4}}})
		call := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
		assert.Equal(t, "⛔ 88 is banned: they get one short answer, and nothing else.\nThey keep no files.", call.Params["text"])
	})
	t.Run("a forward from a hidden account cannot be banned by reply: the admin is told to use the id", func(t *testing.T) {
		fwd := api.Send(root, models.Message{Text: "spam", ForwardOrigin: &models.MessageOrigin{
			Type: models.MessageOriginTypeHiddenUser, MessageOriginHiddenUser: &models.MessageOriginHiddenUser{Date: 1, SenderUserName: "Anon"},
		}})
		waitConfirmed(t, api, fwd)
		seq := api.LastSeq()
		api.Send(root, models.Message{Text: "/ban", ReplyToMessage: fwd.Message,
			Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 4}}})
		call := api.WaitForCall(t, wait, func(c tgtest.Call) bool {
			return c.Seq > seq && c.Method == "sendMessage" && strings.Contains(c.Params["text"], "hides their account")
		})
		assert.Equal(t, "That user hides their account in forwarded messages, so I can't tell who they are: send /ban with their Telegram id instead.", call.Params["text"])
	})
	t.Run("/ban from someone who is no admin is an unknown command, and bans nobody", func(t *testing.T) {
		mark := api.LastSeq()
		api.SendText(ann, fmt.Sprint("/ban ", root.ID))
		call := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
		assert.Contains(t, call.Params["text"], "/ban")
		n, err := store.Repos().Bans.Count(context.Background())
		require.NoError(t, err)
		assert.Equal(t, 2, n, "Eve and Bob")
	})
	t.Run("an unban by id lets them back", func(t *testing.T) {
		mark := api.LastSeq()
		api.SendText(root, fmt.Sprint("/unban ", bob.ID))
		call := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
		assert.Equal(t, "✅ 88 is unbanned: they can use the bot again.", call.Params["text"])
		mark = api.LastSeq()
		api.SendText(bob, "/start")
		call = api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
		assert.Contains(t, call.Params["text"], "Bob")
	})
}

func TestABannedUserIsToldOnceAndNothingElseAndTheirFilesStayUntilDeleted(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	store := memory.NewStore()
	startGuardedBot(t, api, store, app.Limits{Admins: []int64{root.ID}})
	f, u := api.NewFileIDs()
	saved := api.SendDocument(eve, models.Document{FileID: f, FileUniqueID: u, FileName: "a.pdf", FileSize: 10}, "")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(eve.ID)
	})
	api.SendText(root, fmt.Sprint("/ban ", eve.ID))
	card := api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(root.ID)
	})
	before := len(textsSentTo(api, eve.ID))

	api.SendText(eve, "/start")
	api.SendText(eve, "/files")
	f2, u2 := api.NewFileIDs()
	api.SendDocument(eve, models.Document{FileID: f2, FileUniqueID: u2, FileName: "b.pdf", FileSize: 10}, "")
	press := api.PressButton(eve, *saved.Message, "1|k")
	last := api.SendText(eve, "/help")
	waitConfirmed(t, api, last)

	assert.Equal(t, []string{"⛔ You can't use this bot any more."}, textsSentTo(api, eve.ID)[before:], "one short answer, once")
	answers := api.CallsTo("answerCallbackQuery")
	require.Len(t, answers, 1)
	assert.Equal(t, press.CallbackQuery.ID, answers[0].Params["callback_query_id"])
	assert.Empty(t, answers[0].Params["text"], "the button only stops spinning")
	usage, err := store.Repos().Stats.Usage(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, usage.Files, "the file sent while banned is not kept; the one before stays")

	// The admin deletes their files from the ban's card, with a confirmation.
	on := models.Message{ID: 0, Chat: models.Chat{ID: root.ID, Type: models.ChatTypePrivate}, Text: card.Params["text"]}
	for _, m := range api.Messages(root.ID) {
		if m.Text == card.Params["text"] {
			on = m
		}
	}
	mark := api.LastSeq()
	api.PressButton(root, on, "1|bd|1u")
	ask := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "editMessageText" })
	assert.Equal(t, "🗑 Delete the 1 file of Eve (@eve) · 66 for good? This cannot be undone.", ask.Params["text"])
	mark = api.LastSeq()
	api.PressButton(root, on, "1|bx|1u")
	done := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "editMessageText" })
	assert.Equal(t, "🗑 Deleted for good: 1 file.\n\n⛔ Eve (@eve) · 66 is banned: they get one short answer, and nothing else.\nThey keep no files.", done.Params["text"])
	usage, err = store.Repos().Stats.Usage(context.Background())
	require.NoError(t, err)
	assert.Zero(t, usage.Files)
}

func TestUnderAFloodOfOneUserTheOthersAreAnsweredPromptlyAndTheFlooderIsToldOnce(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	store := memory.NewStore()
	// Every unit of work takes 40 ms. Without the limit, Ann's update would not even be fetched
	// before 100 of Eve's were handled (getUpdates gives 100 updates from the oldest unhandled),
	// one after another: four seconds at the very least. With it, 20 of them: 0.8 s.
	limits := app.Limits{Admins: []int64{root.ID}, RateLimit: domain.RateLimit{Updates: 20, Window: 10 * time.Second}}
	startGuardedBotOver(t, api, slowUnitOfWork{UnitOfWork: store.UnitOfWork(), latency: 40 * time.Millisecond}, limits)

	for range 200 {
		api.SendText(eve, "/help")
	}
	sent := time.Now()
	other := api.SendText(ann, "/start")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(ann.ID)
	})
	took := time.Since(sent)
	waitConfirmed(t, api, other)
	t.Logf("Ann answered %v after 200 updates of Eve were queued before hers; every update confirmed", took)
	assert.Less(t, took, 3*time.Second, "Ann waited for Eve's flood")

	said := textsSentTo(api, eve.ID)
	slow := "🐢 Slow down, please: you're sending faster than I can keep up, so I'm skipping what you send for a few seconds."
	warned := 0
	for _, s := range said {
		if s == slow {
			warned++
		}
	}
	assert.Equal(t, 1, warned, "told once to slow down")
	assert.Len(t, said, 21, "20 answers within the limit, and the warning")
	assert.Equal(t, 21, claims(t, store), "no claim, no write of any kind, for the 180 dropped")
}
