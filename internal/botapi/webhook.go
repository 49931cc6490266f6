package botapi

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/hook"
)

// WebhookOptions tune how updates are delivered to a webhook.
type WebhookOptions = hook.Options

// webhook is what setWebhook set. While a URL is set, updates are POSTed to it one at a time, in
// order, each until it is answered 2xx, and getUpdates answers 409, as in Telegram.
type webhook struct {
	info        models.WebhookInfo
	secretToken string
	stop        context.CancelFunc // ends the delivery in progress; nil when none
}

// SecretTokenHeader carries the webhook's secret token on every delivery.
const SecretTokenHeader = hook.SecretTokenHeader

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
		go hook.Delivery{Queue: s.updates, URL: url, Secret: secret, Options: s.hookOpt, Failed: s.noteWebhookError}.Run(ctx)
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
