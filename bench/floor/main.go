// Command floor is the benchmark's floor: a bare go-telegram/bot bot that takes updates and does
// nothing with them — no database, no reply. Fed the same way as File Keeper, it shows what the
// Bot API stand-in, the HTTP round trips and the client library cost on their own.
//
// It long-polls, or with WEBHOOK_URL set takes webhook deliveries on HTTP_ADDR. BOT_TOKEN and
// BOT_API_URL are as for filekeeper. It stops on SIGTERM or SIGINT.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hook, secret := os.Getenv("WEBHOOK_URL"), os.Getenv("WEBHOOK_SECRET")
	opts := []bot.Option{
		bot.WithSkipGetMe(),
		bot.WithServerURL(os.Getenv("BOT_API_URL")),
		bot.WithDefaultHandler(func(context.Context, *bot.Bot, *models.Update) {}),
		bot.WithHTTPClient(10*time.Second, &http.Client{Timeout: 30 * time.Second}),
	}
	if hook != "" {
		opts = append(opts, bot.WithWebhookSecretToken(secret))
	}
	b, err := bot.New(os.Getenv("BOT_TOKEN"), opts...)
	if err != nil {
		return err
	}
	if hook == "" {
		if _, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); err != nil {
			return fmt.Errorf("delete webhook: %w", err)
		}
		fmt.Println("floor: long polling")
		b.Start(ctx)
		return nil
	}
	return serveWebhook(ctx, b, hook, secret)
}

func serveWebhook(ctx context.Context, b *bot.Bot, hook, secret string) error {
	u, err := url.Parse(hook)
	if err != nil {
		return fmt.Errorf("WEBHOOK_URL: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle(u.Path, b.WebhookHandler())
	srv := &http.Server{Addr: os.Getenv("HTTP_ADDR"), Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe() }()
	go b.StartWebhook(ctx)
	if _, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: hook, SecretToken: secret, MaxConnections: 40}); err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	fmt.Println("floor: webhook at", hook)
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
