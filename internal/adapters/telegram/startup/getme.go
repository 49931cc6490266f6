// Package startup is what the Telegram adapter does against the Bot API before it takes updates:
// getMe until the Bot API answers, and setting the webhook.
package startup

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
)

// ErrUnreachable is a Bot API that did not answer getMe within the startup timeout.
var ErrUnreachable = errors.New("the Bot API did not answer")

// GetMe calls getMe until the Bot API at apiURL answers, with a growing pause between tries, for
// at most timeout. A refused token is final at once; no answer in time is an error that says
// which URL did not answer and what to check.
func GetMe(ctx context.Context, b *bot.Bot, apiURL string, timeout time.Duration, log *zap.Logger) (*models.User, error) {
	deadline, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	pause := time.Second
	var last error // the last failure of a try that had its time; one cut by the deadline says less
	for try := 1; ; try++ {
		me, err := b.GetMe(deadline)
		switch {
		case err == nil:
			return me, nil
		case errors.Is(err, bot.ErrorUnauthorized), errors.Is(err, bot.ErrorNotFound):
			return nil, fmt.Errorf("the Bot API at %s refused BOT_TOKEN: check the token with @BotFather", apiURL)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("getMe at %s: %w", apiURL, ctx.Err())
		}
		err = updates.RedactToken(err)
		if last == nil || deadline.Err() == nil {
			last = err
		}
		wait := min(pause, time.Until(deadlineOf(deadline)))
		if deadline.Err() != nil || wait <= 0 {
			return nil, &unreachableError{fmt.Sprintf("the Bot API at %s did not answer getMe within %v (%d tries; the last: %v). "+
				"Check that this machine reaches it: a firewall, or a proxy (HTTPS_PROXY is used when set); "+
				"set BOT_API_URL for another Bot API server, BOT_API_STARTUP_TIMEOUT to wait longer", apiURL, timeout, try, last)}
		}
		log.Warn("the Bot API does not answer getMe yet: trying again", zap.String("bot_api_url", apiURL),
			zap.Int("try", try), zap.Duration("after", wait), zap.Error(err))
		select {
		case <-time.After(wait):
		case <-deadline.Done():
		}
		pause = min(pause*2, 15*time.Second)
	}
}

// unreachableError is ErrUnreachable with what to tell the user.
type unreachableError struct{ msg string }

func (e *unreachableError) Error() string { return e.msg }
func (e *unreachableError) Unwrap() error { return ErrUnreachable }

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline() // always set: made WithTimeout
	return d
}
