package startup

import (
	"context"
	"fmt"

	"github.com/go-telegram/bot"
	"go.uber.org/zap"
)

// Webhook is where Telegram is to deliver the updates, and how.
type Webhook struct {
	URL            string
	Secret         string   // the secret_token Telegram sends back with every delivery
	MaxConnections int      // deliveries Telegram makes at once
	Allowed        []string // the update types asked for
}

// SetWebhook asks Telegram to deliver the updates of the bot username to w.
func SetWebhook(ctx context.Context, b *bot.Bot, w Webhook, username string, log *zap.Logger) error {
	_, err := b.SetWebhook(ctx, &bot.SetWebhookParams{
		URL:            w.URL,
		SecretToken:    w.Secret,
		AllowedUpdates: w.Allowed,
		MaxConnections: w.MaxConnections,
	})
	if err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	log.Info("bot started: webhook", zap.String("bot_username", username), zap.String("webhook_url", w.URL),
		zap.Int("max_connections", w.MaxConnections))
	return nil
}
