package telegram

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/incoming"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// crawl presses every button the bot shows, breadth first from what its commands show, the way
// a curious user would, and checks each one does what it is for.
type crawl struct {
	t       *testing.T
	r       *Router
	log     *zap.Logger
	update  int64
	seen    map[string]bool // user and callback data already pressed
	queue   []press
	later   []press // presses that destroy or undo: after everything else, so they hide nothing
	last    []press // presses that take away what the destructive ones act on: an unban
	reached map[views.Action]int
	presses int
}

type press struct {
	from  models.User
	label string
	data  string
	where string // what showed the button
}

func newCrawlRouter(t *testing.T) *Router {
	limits := app.Limits{MaxFileSize: 1 << 40, MaxCategories: 50, TrashRetention: 720 * time.Hour, Admins: []int64{crawlAdminEN, crawlAdminRU}}
	clock := memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC))
	a := app.New(memory.NewStore().UnitOfWork(), clock, app.RandomTokens{}, limits)
	r := NewRouter(a, limits, NewSender(nil, zap.NewNop()), &Started{Username: "filekeeper_bot"}, zaptest.NewLogger(t))
	return r
}

// route handles one update as the dispatcher would, and returns what the bot would do.
func (c *crawl) route(upd models.Update) Reply {
	c.t.Helper()
	c.update++
	upd.ID = c.update
	reply, err := c.r.route(context.Background(), &upd, c.log)
	require.NoError(c.t, err, "update %+v failed: it would be retried", upd)
	return reply
}

func (c *crawl) say(from models.User, text string) {
	reply := c.route(models.Update{Message: &models.Message{ID: int(c.update + 1), From: &from, Chat: models.Chat{ID: from.ID, Type: models.ChatTypePrivate}, Text: text}})
	c.collect(from, reply, text)
}

// collect queues the buttons of every message in the reply.
func (c *crawl) collect(from models.User, reply Reply, where string) {
	for _, a := range reply.actions {
		var kb *models.InlineKeyboardMarkup
		switch a := a.(type) {
		case sendText:
			kb = a.view.Keyboard
		case editText:
			kb = a.view.Keyboard
		case sendFile:
			kb = a.keyboard
		}
		if kb == nil {
			continue
		}
		for _, r := range kb.InlineKeyboard {
			for _, b := range r {
				p := press{from: from, label: b.Text, data: b.CallbackData, where: where}
				cb, err := views.DecodeCallback(b.CallbackData)
				switch {
				case err == nil && lastly[cb.Action]:
					c.last = append(c.last, p)
				case err == nil && destructive[cb.Action]:
					c.later = append(c.later, p)
				default:
					c.queue = append(c.queue, p)
				}
			}
		}
	}
}

// The crawl's admins, who ban a user each (one who keeps files) to reach the buttons of a ban.
const (
	crawlAdminEN = 90
	crawlAdminRU = 91
)

// destructive are the actions that take away what other buttons act on.
var destructive = map[views.Action]bool{
	views.ActDeleteYes: true, views.ActRestore: true, views.ActPurgeYes: true, views.ActDeleteCatYes: true, views.ActRevoke: true, views.ActRevokeOnPage: true, views.ActEmptyTrashYes: true,
	views.ActBanDeleteYes: true,
	// Select many: each selection is begun after the rest of the crawl, so what it deletes hides
	// nothing, and is gone through before the next list's replaces it; its batch's Undo after that.
	views.ActSelect: true, views.ActUndoBatch: true,
	views.ActAlbumDeleteYes: true, views.ActAlbumRestore: true,
}

// lastly are the presses that take away what the others act on, pressed after all of them: an
// unban (the banned user's files are deleted before), a whole page unselected, the end of a
// selection (its Move, Delete, Restore and Send first).
var lastly = map[views.Action]bool{views.ActUnban: true, views.ActSelectAll: true, views.ActSelectDone: true}

// oldButtons are actions no view shows any more, kept so that buttons on messages sent before
// still work: ActRevoke is the Revoke of /links before it had pages (now ActRevokeOnPage).
var oldButtons = map[views.Action]bool{views.ActRevoke: true}

// jobButtons are actions only a job's message shows, which no press leads to: ✖ Stop under a
// send-all's progress message (package sendall sends it; cmd's TestSendAllStopsOnStop presses it).
var jobButtons = map[views.Action]bool{views.ActSendAllStop: true}

// crawlKey is what makes a button another one for the crawl: its data, but the limits a link's
// options carry (every choice of every limit of every link would be thousands of presses of the
// same few handlers).
func crawlKey(data string) string {
	cb, err := views.DecodeCallback(data)
	if err != nil {
		return data
	}
	cb.Opts = views.LinkOpts{}
	return views.EncodeCallback(cb)
}

// run presses every queued button, and those the presses show, once per user.
func (c *crawl) run() {
	for len(c.queue)+len(c.later)+len(c.last) > 0 {
		var p press
		switch {
		case len(c.queue) > 0:
			p, c.queue = c.queue[0], c.queue[1:]
		case len(c.later) > 0:
			p, c.later = c.later[0], c.later[1:]
		default:
			p, c.last = c.last[0], c.last[1:]
		}
		key := fmt.Sprint(p.from.ID, " ", crawlKey(p.data))
		if c.seen[key] {
			continue
		}
		c.seen[key] = true
		c.presses++
		require.Less(c.t, c.presses, 5000, "the crawl does not end")
		what := fmt.Sprintf("%q (%s) under %q", p.label, p.data, p.where)
		cb, err := views.DecodeCallback(p.data)
		require.NoError(c.t, err, "%s does not decode", what)
		require.Equal(c.t, p.data, views.EncodeCallback(cb), "%s decodes to something else", what)
		c.reached[cb.Action]++
		reply := c.route(models.Update{CallbackQuery: &models.CallbackQuery{
			ID: fmt.Sprint("cb", c.update), From: p.from, Data: p.data,
			Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
				Message: &models.Message{ID: 1, Chat: models.Chat{ID: p.from.ID, Type: models.ChatTypePrivate}}},
		}})
		answer, ok := reply.actions[0].(answerCallback)
		require.True(c.t, ok, "%s: the press is answered first", what)
		for _, texts := range views.Languages {
			require.NotEqual(c.t, texts.StaleButton, answer.text, "%s is refused as stale", what)
		}
		require.True(c.t, len(reply.actions) > 1 || answer.text != "", "%s: a press shows or says something", what)
		c.t.Logf("%s → %q, %d actions", what, answer.text, len(reply.actions))
		c.collect(p.from, reply, p.label)
	}
}

// seedLibrary gives the user a file of every kind (one with a caption and a made-up name, some
// with long names), a category with files, a trashed file, and returns the category.
func seedLibrary(t *testing.T, r *Router, u models.User) domain.Category {
	ctx := context.Background()
	user, err := r.app.Commands.RegisterUser.Handle(ctx, incoming.Profile(&u))
	require.NoError(t, err)
	cat, err := r.app.Commands.Categories.Create(ctx, user.ID, "Работа "+u.FirstName)
	require.NoError(t, err)
	var last domain.File
	for i, k := range domain.Kinds {
		name := fmt.Sprintf("%s %d with a rather long name that does not fit a phone.bin", k, i)
		caption := ""
		if k == domain.KindPhoto {
			name, caption = "", "Sunset over the bay"
		}
		res, err := r.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: user.ID, File: domain.IncomingFile{
			TelegramFileID: fmt.Sprint("f", u.ID, i), UniqueID: fmt.Sprint("u", u.ID, i), Name: name,
			Size: int64(1) << (10 * (i % 4)), Carrier: k, Caption: caption,
		}})
		require.NoError(t, err)
		last = res.File
		for range 2 { // more links than a page holds, so /links has pages
			_, err = r.app.Commands.Shares.Create(ctx, user.ID, res.File.ID, 0)
			require.NoError(t, err)
		}
		if i%2 == 0 {
			_, err = r.app.Commands.ManageFiles.Move(ctx, user.ID, res.File.ID, cat.ID)
			require.NoError(t, err)
		}
	}
	_, err = r.app.Commands.ManageFiles.Trash(ctx, user.ID, last.ID)
	require.NoError(t, err)
	for i, k := range []domain.Kind{domain.KindPhoto, domain.KindVideo, domain.KindPhoto} { // an album
		_, err := r.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: user.ID, File: domain.IncomingFile{
			TelegramFileID: fmt.Sprint("a", u.ID, i), UniqueID: fmt.Sprint("au", u.ID, i), Size: 2048, Carrier: k,
			MediaGroupID: fmt.Sprint("g", u.ID),
		}})
		require.NoError(t, err)
	}
	return cat
}

// TestEveryButtonOfEveryViewReachesItsAction presses every button the bot shows, in both
// languages — the menus, every kind's list, the categories, the trash, a search, shares, a
// shared category opened by someone else, the links, the settings, the profile, the help — and
// checks each decodes, is not taken for a stale button, is handled without an error and shows
// something; and that every action of the codec is reached by some button.
func TestEveryButtonOfEveryViewReachesItsAction(t *testing.T) {
	c := &crawl{t: t, r: newCrawlRouter(t), log: zaptest.NewLogger(t), seen: map[string]bool{}, reached: map[views.Action]int{}}
	ann := models.User{ID: 77, FirstName: "Ann", LanguageCode: "en"}
	ivan := models.User{ID: 78, FirstName: "Иван", LanguageCode: "ru"}
	bob := models.User{ID: 79, FirstName: "Bob", LanguageCode: "en"}
	for _, u := range []models.User{ann, ivan} {
		cat := seedLibrary(t, c.r, u)
		user, err := c.r.app.Commands.RegisterUser.Handle(context.Background(), incoming.Profile(&u))
		require.NoError(t, err)
		share, err := c.r.app.Commands.Shares.Create(context.Background(), user.ID, 0, cat.ID)
		require.NoError(t, err)
		for _, text := range []string{"/start", "/help", "/files", "/categories", "/profile", "/settings", "/links", "/search with", "/search zz", "/search"} {
			c.say(u, text)
		}
		c.say(bob, "/start "+share.Share.Token) // a shared category, opened by someone else
	}
	for i, admin := range []models.User{{ID: crawlAdminEN, FirstName: "Root", LanguageCode: "en"}, {ID: crawlAdminRU, FirstName: "Пётр", LanguageCode: "ru"}} {
		banned := models.User{ID: int64(80 + i), FirstName: "Eve", LanguageCode: "en"}
		seedLibrary(t, c.r, banned)
		c.say(admin, fmt.Sprint("/ban ", banned.ID))
	}
	c.run()

	for _, a := range views.Actions() {
		if c.reached[a] == 0 && !oldButtons[a] && !jobButtons[a] {
			t.Errorf("no button of any view reaches action %q", a)
		}
	}
	t.Logf("%d buttons pressed", c.presses)
}

func TestEveryActionHasExactlyOneHandler(t *testing.T) {
	require.NoError(t, checkButtons())

	for _, a := range views.Actions() {
		h := buttons[a]
		delete(buttons, a)
		assert.Error(t, checkButtons(), "the action %q without its handler", a)
		buttons[a] = h
	}
	buttons["zz"] = buttons[views.ActMenu]
	assert.Error(t, checkButtons(), "a handler for an action the codec does not know")
	delete(buttons, "zz")
	require.NoError(t, checkButtons())
}
