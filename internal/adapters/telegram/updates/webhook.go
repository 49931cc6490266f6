package updates

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-telegram/bot/models"
)

// Webhook takes the updates Telegram POSTs to the bot's webhook, as the HTTP server adapter hands
// them over (it implements that adapter's UpdateHandler, which fx binds; adapters do not import
// each other).
type Webhook struct {
	dispatcher *Dispatcher
}

// NewWebhook hands the webhook's updates to d.
func NewWebhook(d *Dispatcher) *Webhook { return &Webhook{dispatcher: d} }

// HandleUpdate decodes body as one update and handles it before returning: nil means its effects
// are committed (or it was handled before), so the delivery may be answered 200. A body that is
// no update gives a *MalformedUpdateError; any other error means nothing was committed and the
// update must be delivered again.
func (w *Webhook) HandleUpdate(ctx context.Context, body []byte) error {
	var upd models.Update
	if err := json.Unmarshal(body, &upd); err != nil {
		return &MalformedUpdateError{Err: err}
	}
	if upd.ID <= 0 {
		return &MalformedUpdateError{Err: errors.New("no update_id")}
	}
	return w.dispatcher.Handle(ctx, &upd)
}

// MalformedUpdateError is a webhook body that is not an update: delivering it again cannot help.
type MalformedUpdateError struct {
	Err error
}

func (e *MalformedUpdateError) Error() string { return fmt.Sprintf("malformed update: %v", e.Err) }

func (e *MalformedUpdateError) Unwrap() error { return e.Err }

// Malformed marks the error for the HTTP server adapter, which answers it 400 without
// importing this package.
func (e *MalformedUpdateError) Malformed() bool { return true }
