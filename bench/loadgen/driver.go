package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/botapi"
)

// Each chat keeps the newest keepMessages messages in the stand-in (a long run would fill the
// memory otherwise, and the load generator's garbage collection would take the CPU the bot
// needs); an update adds at most two, so a list reopened every reopenAfter updates is always kept.
const (
	keepMessages = 64
	reopenAfter  = 24
)

// kind is what a user does.
type kind int

const (
	upload    kind = iota // sends a new document: answered with a quoting "Saved"
	page                  // turns a page of their list (Next / Prev / All): the list is edited
	get                   // asks for a file back: the file is sent
	openFiles             // opens /files (only when they have no list on screen yet)
	nKinds
)

var kindNames = [nKinds]string{"upload", "page", "get", "/files"}

func (k kind) String() string { return kindNames[k] }

// pending is one update on its way.
type pending struct {
	kind   kind
	user   *user
	id     int64 // update_id
	msgID  int   // the user's message, for an upload
	at     time.Time
	done   chan struct{}
	closed bool
}

// user is one simulated Telegram user and what their chat shows.
type user struct {
	tg models.User

	mu   sync.Mutex
	cur  *pending
	list *models.Message // the bot's message showing their files (kinds menu or a page)
	back bool            // turning pages backwards
	// since counts the user's updates since the list was shown: the stand-in keeps only the
	// newest keepMessages of a chat, so after reopenAfter of them the user opens /files again.
	since int
}

// driver plays the users against the stand-in and times the answers.
type driver struct {
	api     *botapi.Server
	http    *http.Server
	url     string
	blind   bool // the bot answers nothing (the floor): an update is done when confirmed
	users   []*user
	free    chan *user
	rngMu   sync.Mutex
	rng     *rand.Rand
	stopMu  sync.Mutex
	stops   []func()
	closing bool

	mu        sync.Mutex
	pool      bool // complete gives users back to free (the open loop); false in a script
	byID      map[int64]*pending
	early     map[int64]time.Time // confirmations that came before act registered the update
	recording bool
	from, to  time.Time // the measured window
	lat       [nKinds][]time.Duration
	confirm   []time.Duration
	done      int // completed within the window
	timedOut  int
	trace     io.Writer // BENCH_TRACE: one line per answered update of a window
}

// newDriver starts the stand-in on 127.0.0.1 and n users.
func newDriver(n int, blind bool, seed uint64) (*driver, error) {
	d := &driver{blind: blind, byID: map[int64]*pending{}, early: map[int64]time.Time{}, free: make(chan *user, n), rng: rand.New(rand.NewPCG(seed, seed+1))}
	d.api = botapi.New(botapi.Options{
		KeepCalls:    1000,
		KeepMessages: keepMessages,
		Confirmed:    d.confirmed,
		Webhook: botapi.WebhookOptions{Parallel: true, Client: &http.Client{Timeout: 30 * time.Second,
			Transport: &http.Transport{MaxIdleConnsPerHost: 200, MaxConnsPerHost: 200, IdleConnTimeout: time.Minute}}},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	d.url = "http://" + ln.Addr().String()
	d.http = &http.Server{Handler: d.api, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = d.http.Serve(ln) }()
	for i := range n {
		id := int64(100_000 + i)
		u := &user{tg: models.User{ID: id, FirstName: fmt.Sprintf("U%d", id), LanguageCode: "en"}}
		d.users = append(d.users, u)
		d.free <- u
		if !blind {
			d.watch(u)
		}
	}
	return d, nil
}

func (d *driver) close() {
	d.stopMu.Lock()
	d.closing = true
	for _, stop := range d.stops {
		stop()
	}
	d.stopMu.Unlock()
	d.api.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = d.http.Shutdown(ctx)
}

// watch follows the user's chat: the bot's answers complete the user's update. A watcher that
// fell behind is dropped by the stand-in: it is replaced.
func (d *driver) watch(u *user) {
	d.stopMu.Lock()
	defer d.stopMu.Unlock()
	if d.closing {
		return
	}
	_, events, stop := d.api.Watch(u.tg.ID)
	d.stops = append(d.stops, stop)
	go func() {
		for ev := range events {
			d.see(u, ev)
		}
		d.watch(u)
	}()
}

// see takes one change of the user's chat.
func (d *driver) see(u *user, ev botapi.Event) {
	m := ev.Message
	if m == nil || m.From == nil || m.From.ID != botapi.BotID {
		return
	}
	u.mu.Lock()
	switch {
	case ev.Type == botapi.EventMessage && strings.Contains(m.Text, "Your files:"):
		u.list, u.since = m, 0
	case ev.Type == botapi.EventEdit && u.list != nil && m.ID == u.list.ID:
		u.list = m
	}
	cur := u.cur
	u.mu.Unlock()
	if cur == nil {
		return
	}
	switch {
	case cur.kind == upload && ev.Type == botapi.EventMessage && m.ReplyToMessage != nil && m.ReplyToMessage.ID == cur.msgID,
		cur.kind == openFiles && ev.Type == botapi.EventMessage && strings.Contains(m.Text, "Your files:"),
		cur.kind == page && ev.Type == botapi.EventEdit,
		cur.kind == get && ev.Type == botapi.EventMessage && (m.Document != nil || m.Photo != nil || m.Video != nil || m.Audio != nil):
		d.complete(cur, time.Now(), false)
	}
}

// confirmed is the stand-in telling that an update was confirmed (Options.Confirmed). It runs
// under the stand-in's queue lock: it must not call the stand-in.
func (d *driver) confirmed(id int64) {
	now := time.Now()
	d.mu.Lock()
	p, ok := d.byID[id]
	if !ok {
		d.early[id] = now // confirmed before act registered it (the floor is that fast)
		d.mu.Unlock()
		return
	}
	delete(d.byID, id)
	d.noteConfirm(p, now)
	d.mu.Unlock()
	if d.blind {
		d.complete(p, now, false)
	}
}

// noteConfirm records how long p took to be confirmed; the caller holds d.mu.
func (d *driver) noteConfirm(p *pending, at time.Time) {
	if d.recording && !p.at.Before(d.from) && p.at.Before(d.to) {
		d.confirm = append(d.confirm, at.Sub(p.at))
	}
}

// complete ends p: its latency is recorded (unless it expired) and its user is free again.
func (d *driver) complete(p *pending, at time.Time, expired bool) {
	d.mu.Lock()
	if p.closed {
		d.mu.Unlock()
		return
	}
	p.closed = true
	inWindow := d.recording && !p.at.Before(d.from) && p.at.Before(d.to)
	switch {
	case expired:
		delete(d.byID, p.id)
		if inWindow {
			d.timedOut++
		}
	case inWindow:
		d.lat[p.kind] = append(d.lat[p.kind], at.Sub(p.at))
		if d.trace != nil {
			fmt.Fprintf(d.trace, "%d,%s,%d,%d\n", p.at.Sub(d.from).Microseconds(), p.kind, at.Sub(p.at).Microseconds(), p.user.tg.ID)
		}
		if at.Before(d.to) {
			d.done++
		}
	}
	pool := d.pool
	d.mu.Unlock()
	p.user.mu.Lock()
	if p.user.cur == p {
		p.user.cur = nil
	}
	p.user.mu.Unlock()
	close(p.done)
	if pool {
		d.free <- p.user
	}
}

// expire gives up the updates unanswered for longer than limit.
func (d *driver) expire(limit time.Duration) {
	now := time.Now()
	for _, u := range d.users {
		u.mu.Lock()
		cur := u.cur
		u.mu.Unlock()
		if cur != nil && now.Sub(cur.at) > limit {
			d.complete(cur, now, true)
		}
	}
}

// act has u do k (or what they can do instead), returning the update on its way. u.mu is held
// while the update is queued, so the bot's answer is matched only once u.cur is complete.
func (d *driver) act(u *user, k kind) *pending {
	u.mu.Lock()
	list := u.list
	u.since++
	stale := u.since > reopenAfter
	u.mu.Unlock()
	var data string
	switch {
	case d.blind:
	case k != upload && stale:
		k = openFiles // the list has scrolled far up: open it again
	case k == page && list != nil:
		data = d.pageButton(u, list)
	case k == get && list != nil:
		data = d.getButton(list)
	case k != upload:
		k = openFiles
	}
	if (k == page || k == get) && data == "" && !d.blind {
		k = upload // nothing to press yet
	}
	p := &pending{user: u, kind: k, done: make(chan struct{})}
	u.mu.Lock()
	var upd models.Update
	switch {
	case k == upload:
		fileID, uniqueID := d.api.NewFileIDs()
		upd = d.api.SendDocument(u.tg, models.Document{FileID: fileID, FileUniqueID: uniqueID,
			FileName: "report-" + uniqueID + ".pdf", MimeType: "application/pdf", FileSize: 120_000}, "")
		p.msgID = upd.Message.ID
	case k == openFiles:
		upd = d.api.SendText(u.tg, "/files")
	case d.blind:
		upd = d.blindPress(u, k)
	default:
		upd = d.api.PressButton(u.tg, *list, data)
	}
	p.id, p.at = upd.ID, time.Now()
	u.cur = p
	u.mu.Unlock()
	d.mu.Lock()
	at, early := d.early[p.id]
	if early {
		delete(d.early, p.id)
		d.noteConfirm(p, at)
	} else {
		d.byID[p.id] = p
	}
	d.mu.Unlock()
	if early && d.blind {
		d.complete(p, at, false)
	}
	return p
}

// pageButton is the data of the button that turns the user's list: Next until the end, then
// Prev back to the start; All on the kinds menu.
func (d *driver) pageButton(u *user, list *models.Message) string {
	next, prev, all := "", "", ""
	for _, b := range buttons(list) {
		switch {
		case strings.HasPrefix(b.Text, "Next ▶"):
			next = b.CallbackData
		case strings.HasPrefix(b.Text, "◀ Prev"):
			prev = b.CallbackData
		case strings.HasPrefix(b.Text, "🗂 All"):
			all = b.CallbackData
		}
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	switch {
	case all != "":
		return all
	case next == "" && prev == "":
		return ""
	case u.back && prev == "", !u.back && next == "":
		u.back = !u.back
	}
	if u.back {
		return prev
	}
	return next
}

// getButton is the data of a "send the file back" press for a file on the list.
func (d *driver) getButton(list *models.Message) string {
	var ids []int64
	for _, b := range buttons(list) {
		if cb, err := views.DecodeCallback(b.CallbackData); err == nil && cb.Action == views.ActCard {
			ids = append(ids, cb.FileID)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	d.rngMu.Lock()
	id := ids[d.rng.IntN(len(ids))]
	d.rngMu.Unlock()
	return views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: id})
}

// blindPress is a press for the floor, which reads nothing: the data a real press would carry.
func (d *driver) blindPress(u *user, k kind) models.Update {
	msg := models.Message{ID: 1, Chat: models.Chat{ID: u.tg.ID, Type: models.ChatTypePrivate}, Text: "📂 Your files"}
	data := views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: 123456})
	if k == page {
		data = views.EncodeCallback(views.Callback{Action: views.ActKinds})
	}
	return d.api.PressButton(u.tg, msg, data)
}

func buttons(m *models.Message) []models.InlineKeyboardButton {
	if m.ReplyMarkup == nil {
		return nil
	}
	raw, err := json.Marshal(m.ReplyMarkup)
	if err != nil {
		return nil
	}
	var kb models.InlineKeyboardMarkup
	if json.Unmarshal(raw, &kb) != nil {
		return nil
	}
	var out []models.InlineKeyboardButton
	for _, row := range kb.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}

// script has every user do steps in turn, waiting for each answer, conc users at a time.
func (d *driver) script(ctx context.Context, conc int, steps []kind) error {
	d.mu.Lock()
	d.pool = false
	d.mu.Unlock()
	var wg sync.WaitGroup
	sem := make(chan struct{}, conc)
	errs := make(chan error, len(d.users))
	for _, u := range d.users {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			for _, k := range steps {
				p := d.act(u, k)
				select {
				case <-p.done:
				case <-time.After(20 * time.Second):
					errs <- fmt.Errorf("user %d: no answer to %s (update %d) in 20 s", u.tg.ID, p.kind, p.id)
					d.complete(p, time.Now(), true)
					return
				case <-ctx.Done():
					errs <- ctx.Err()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
