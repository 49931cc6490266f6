// Package hook delivers a bot's updates to its webhook as Telegram does: each POSTed as JSON
// with the secret token in a header, until answered 2xx, again after a growing pause if not.
package hook

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/queue"
)

// SecretTokenHeader carries the webhook's secret token on every delivery.
const SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

// Options tune how updates are delivered to a webhook.
type Options struct {
	Client   *http.Client  // nil: a client with a 10 s timeout
	RetryMin time.Duration // wait after the first failed delivery; 0 is 100 ms
	RetryMax time.Duration // longest wait between attempts, doubling up to it; 0 is 10 s
	// Parallel delivers up to the max_connections setWebhook asked for (40 when it asked for
	// none) at once, as Telegram does, so a later update may arrive before an earlier one; false
	// delivers one at a time, in order.
	Parallel bool
}

// WithDefaults fills in what is zero.
func (o Options) WithDefaults() Options {
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if o.RetryMin <= 0 {
		o.RetryMin = 100 * time.Millisecond
	}
	if o.RetryMax <= 0 {
		o.RetryMax = 10 * time.Second
	}
	o.RetryMax = max(o.RetryMax, o.RetryMin)
	return o
}

// Delivery is one worker delivering the updates of Queue to URL.
type Delivery struct {
	Queue   *queue.Queue
	URL     string
	Secret  string
	Options Options // with defaults
	// Failed is told each failed delivery, worded as getWebhookInfo words it.
	Failed func(ctx context.Context, err error)
}

// Run POSTs the queued updates, oldest first, until ctx ends; several may run at once, each
// taking the oldest update no other holds. An update answered with anything but 2xx, or not
// answered, is tried again after a growing pause.
func (d Delivery) Run(ctx context.Context) {
	pause := d.Options.RetryMin
	for {
		u, ok := d.Queue.Next(ctx)
		if !ok {
			return
		}
		err := d.post(ctx, u)
		if ctx.Err() != nil {
			d.Queue.Release(u.ID)
			return
		}
		if err == nil {
			d.Queue.Remove(u.ID)
			pause = d.Options.RetryMin
			continue
		}
		d.Queue.Release(u.ID)
		d.Failed(ctx, err)
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return
		}
		pause = min(pause*2, d.Options.RetryMax)
	}
}

func (d Delivery) post(ctx context.Context, u models.Update) error {
	body, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("encode update: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if d.Secret != "" {
		req.Header.Set(SecretTokenHeader, d.Secret)
	}
	resp, err := d.Options.Client.Do(req)
	if err != nil {
		return failure("Connection failed: " + err.Error())
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return failure("Wrong response from the webhook: " + resp.Status)
	}
	return nil
}

// failure is a failed delivery, worded as getWebhookInfo words it.
type failure string

func (e failure) Error() string { return string(e) }
