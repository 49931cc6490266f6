// Package sendall is the worker of app.SendAllJob: "⬇ Send all" sends a list's files back one
// group a run, and keeps the send-all's one message up to date.
package sendall

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Batches sends one group of files (domain.NextBatch made it) to a chat, in the user's language
// for what it says instead of a file it cannot send: the Telegram adapter's Router.SendBatch.
type Batches func(ctx context.Context, chatID int64, lang domain.Language, files []domain.File) error

// Worker runs the send-all jobs. Each run sends the next group and records it with the job of
// the group after (app.SendAll.Advance), so a stop waits for one group and a restart repeats at
// most the group that was on its way when the process died. Pacing is the client's: its calls
// pass the flood transport.
type Worker struct {
	sends   app.SendAll
	bot     *bot.Bot
	batches Batches
	blocked func(error) bool // tells the Bot API's refusal of a user who blocked the bot
	log     *zap.Logger

	mu     sync.Mutex
	edited map[int64]time.Time // when each send's message last showed its count, here
}

// ProgressEvery is how often the progress message shows a new count: an edit counts against
// the chat's one message a second as a group of files does, so editing after each group would
// halve the pace.
const ProgressEvery = 3 * time.Second

// New builds the worker over the bot's client.
func New(sends app.SendAll, b *bot.Bot, batches Batches, blocked func(error) bool, log *zap.Logger) *Worker {
	return &Worker{sends: sends, bot: b, batches: batches, blocked: blocked, log: log.Named("send_all"), edited: map[int64]time.Time{}}
}

// Handle runs one step of a send-all: the progress message first, then one group; the last step
// ends it with its summary. A stopped send does nothing more.
func (w *Worker) Handle(ctx context.Context, job app.SendAllJob) error {
	step, err := w.sends.Next(ctx, job.SendID, domain.MaxMediaGroup)
	if err != nil {
		return err
	}
	s, t := step.Send, views.For(step.Owner.Lang())
	if s.State != domain.BulkSendRunning {
		return nil
	}
	if s.MessageID == 0 {
		if s, err = w.announce(ctx, s, t); err != nil {
			return w.refused(ctx, s, err)
		}
	}
	if len(step.Files) == 0 && step.Skipped == 0 {
		done, err := w.sends.Finish(ctx, s.OwnerID, s.ID)
		if err != nil {
			return err
		}
		w.log.Info("send-all done", zap.Int64("send_id", s.ID), zap.Int64("user_id", s.OwnerID), zap.Int("files", s.Total()))
		return w.edit(ctx, done, t)
	}
	batch := domain.NextBatch(step.Files, w.bot.ID())
	if err := w.batches(ctx, s.ChatID, step.Owner.Lang(), batch); err != nil {
		return w.refused(ctx, s, err)
	}
	now, err := w.sends.Advance(ctx, s.ID, s.Sent+step.Skipped+len(batch))
	if err != nil {
		return err
	}
	return w.edit(ctx, now, t)
}

// announce sends the send's progress message and records it. A crash between the two sends
// another on the next try: a harmless repeat.
func (w *Worker) announce(ctx context.Context, s domain.BulkSend, t *views.Texts) (domain.BulkSend, error) {
	v := t.SendAllView(s)
	m, err := w.bot.SendMessage(ctx, &bot.SendMessageParams{ChatID: s.ChatID, Text: v.Text, ReplyMarkup: markup(v.Keyboard)})
	if err != nil {
		return s, err
	}
	s.MessageID = m.ID
	w.mu.Lock()
	w.edited[s.ID] = time.Now()
	w.mu.Unlock()
	return s, w.sends.Message(ctx, s.ID, m.ID)
}

// edit shows s in its progress message: its end always, a new count once ProgressEvery has passed
// since the last. A failed edit is logged, not tried again: a later one shows the count anyway.
func (w *Worker) edit(ctx context.Context, s domain.BulkSend, t *views.Texts) error {
	if s.MessageID == 0 || !w.due(s) {
		return nil
	}
	v := t.SendAllView(s)
	_, err := w.bot.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: s.ChatID, MessageID: s.MessageID, Text: v.Text, ReplyMarkup: markup(v.Keyboard)})
	if err != nil {
		w.log.Info("send-all progress not edited", zap.Int64("send_id", s.ID), zap.Error(err))
	}
	return nil
}

// refused is the job's outcome of a failed send: a user who blocked the bot gets nothing more (no
// retry cures it); any other failure is tried again from the same group.
func (w *Worker) refused(ctx context.Context, s domain.BulkSend, err error) error {
	if w.blocked(err) {
		w.log.Info("the send-all's user blocked the bot: it stops", zap.Int64("send_id", s.ID), zap.Int64("user_id", s.OwnerID))
		if _, serr := w.sends.Stop(ctx, s.OwnerID, s.ID); serr != nil {
			return fmt.Errorf("send-all %d: %w", s.ID, serr) // tried again: the stop is recorded then
		}
		return fmt.Errorf("send-all %d: %w: %w", s.ID, app.ErrPermanent, err)
	}
	return fmt.Errorf("send-all %d: %w", s.ID, err)
}

// markup is kb as the client takes it: a nil keyboard is none (not an empty one, which the Bot
// API refuses on an edit).
func markup(kb *models.InlineKeyboardMarkup) models.ReplyMarkup {
	if kb == nil {
		return nil
	}
	return kb
}

// due tells whether s's message should show it now, and if so notes that it does.
func (w *Worker) due(s domain.BulkSend) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if s.State != domain.BulkSendRunning {
		delete(w.edited, s.ID)
		return true
	}
	if s.Sent >= s.Total() {
		return false // the next step ends it, and says so
	}
	now := time.Now()
	if last, ok := w.edited[s.ID]; ok && now.Sub(last) < ProgressEvery {
		return false
	}
	w.edited[s.ID] = now
	return true
}
