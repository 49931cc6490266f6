package botapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// WebhookOptions tune how updates are delivered to a webhook.
type WebhookOptions struct {
	Client   *http.Client  // nil: a client with a 10 s timeout
	RetryMin time.Duration // wait after the first failed delivery; 0 is 100 ms
	RetryMax time.Duration // longest wait between attempts, doubling up to it; 0 is 10 s
	// Parallel delivers up to the max_connections setWebhook asked for (40 when it asked for
	// none) at once, as Telegram does, so a later update may arrive before an earlier one; false
	// delivers one at a time, in order.
	Parallel bool
}

func (o WebhookOptions) withDefaults() WebhookOptions {
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

// webhook is what setWebhook set. While a URL is set, updates are POSTed to it one at a time, in
// order, each until it is answered 2xx, and getUpdates answers 409, as in Telegram.
type webhook struct {
	info        models.WebhookInfo
	secretToken string
	stop        context.CancelFunc // ends the delivery in progress; nil when none
}

// SecretTokenHeader carries the webhook's secret token on every delivery.
const SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

var secretTokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func setWebhook(s *Server, p params) (any, *APIError) {
	url, secret := p["url"], p["secret_token"]
	if url == "" {
		return deleteWebhook(s, p)
	}
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	if secret != "" && !secretTokenPattern.MatchString(secret) {
		return nil, badRequest("bad webhook: secret token contains unallowed characters")
	}
	var allowed []string
	if raw := p["allowed_updates"]; raw != "" && json.Unmarshal([]byte(raw), &allowed) != nil {
		return nil, badRequest("can't parse allowed_updates JSON array")
	}
	connections, err := p.int64("max_connections")
	switch {
	case err != nil || connections < 0 || connections > 100:
		return nil, badRequest("bad webhook: max_connections must be between 1 and 100")
	case connections == 0:
		connections = defaultMaxConnections
	}
	if p.bool("drop_pending_updates") {
		s.updates.DropPending()
	}
	if allowed != nil {
		s.updates.SetAllowed(allowed)
	}
	s.stopDelivery()
	ctx, stop := context.WithCancel(context.Background())
	s.webhook = webhook{info: models.WebhookInfo{URL: url, AllowedUpdates: allowed, MaxConnections: int(connections)},
		secretToken: secret, stop: stop}
	workers := 1
	if s.hookOpt.Parallel {
		workers = int(connections)
	}
	for range workers {
		if s.closed {
			stop()
			break
		}
		go s.deliver(ctx, url, secret)
	}
	return true, nil
}

func deleteWebhook(s *Server, p params) (any, *APIError) {
	if p.bool("drop_pending_updates") {
		s.updates.DropPending()
	}
	s.stopDelivery()
	s.webhook = webhook{}
	return true, nil
}

// stopDelivery ends the delivery to the current webhook, if any; the caller holds s.mu.
func (s *Server) stopDelivery() {
	if s.webhook.stop != nil {
		s.webhook.stop()
		s.webhook.stop = nil
	}
}

func getWebhookInfo(s *Server, _ params) (any, *APIError) {
	info := s.webhook.info
	info.PendingUpdateCount = s.updates.Len()
	return info, nil
}

// Webhook is the URL and secret token setWebhook set; both empty when none is set.
func (s *Server) Webhook() (url, secretToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.info.URL, s.webhook.secretToken
}

// defaultMaxConnections is Telegram's max_connections when setWebhook names none.
const defaultMaxConnections = 40

// deliver POSTs the queued updates to url, oldest first, until ctx ends; with
// WebhookOptions.Parallel several deliver at once, each taking the oldest update no other holds.
// An update answered with anything but 2xx, or not answered, is tried again after a growing pause.
func (s *Server) deliver(ctx context.Context, url, secret string) {
	pause := s.hookOpt.RetryMin
	for {
		u, ok := s.updates.Next(ctx)
		if !ok {
			return
		}
		err := s.post(ctx, url, secret, u)
		if ctx.Err() != nil {
			s.updates.Release(u.ID)
			return
		}
		if err == nil {
			s.updates.Remove(u.ID)
			pause = s.hookOpt.RetryMin
			continue
		}
		s.updates.Release(u.ID)
		s.noteWebhookError(ctx, err)
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return
		}
		pause = min(pause*2, s.hookOpt.RetryMax)
	}
}

func (s *Server) post(ctx context.Context, url, secret string, u models.Update) error {
	body, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("encode update: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretTokenHeader, secret)
	}
	resp, err := s.hookOpt.Client.Do(req)
	if err != nil {
		return webhookError("Connection failed: " + err.Error())
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return webhookError("Wrong response from the webhook: " + resp.Status)
	}
	return nil
}

// webhookError is a failed delivery, worded as getWebhookInfo words it.
type webhookError string

func (e webhookError) Error() string { return string(e) }

// noteWebhookError shows a failed delivery in getWebhookInfo, unless the webhook changed since.
func (s *Server) noteWebhookError(ctx context.Context, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	s.webhook.info.LastErrorDate = s.date()
	s.webhook.info.LastErrorMessage = err.Error()
}
