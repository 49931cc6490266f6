package telegram

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

// DefaultStartupTimeout bounds the wait for getMe when Config.StartupTimeout is zero.
const DefaultStartupTimeout = time.Minute

// Started is what the bot learnt and chose at start: who it is (from getMe, before any update
// is taken: the Router reads its username) and, for the line saying it is ready, how updates
// arrive.
type Started struct {
	Username string // the bot's @username, from getMe
	Mode     string // how updates arrive: "long polling" or "webhook <url>"
}

// ErrBotAPIUnreachable is a Bot API that did not answer getMe within the startup timeout.
var ErrBotAPIUnreachable = errors.New("the Bot API did not answer")

// getMeUntilAnswered calls getMe until the Bot API answers, with a growing pause between tries,
// for at most timeout. A refused token is final at once; no answer in time is an error that says
// which URL did not answer and what to check.
func getMeUntilAnswered(ctx context.Context, b *bot.Bot, c Config, log *zap.Logger) (*models.User, error) {
	timeout := c.StartupTimeout
	if timeout <= 0 {
		timeout = DefaultStartupTimeout
	}
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
			return nil, fmt.Errorf("the Bot API at %s refused BOT_TOKEN: check the token with @BotFather", c.APIURL)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("getMe at %s: %w", c.APIURL, ctx.Err())
		}
		err = updates.RedactToken(err)
		if last == nil || deadline.Err() == nil {
			last = err
		}
		wait := min(pause, time.Until(deadlineOf(deadline)))
		if deadline.Err() != nil || wait <= 0 {
			return nil, &unreachableError{fmt.Sprintf("the Bot API at %s did not answer getMe within %v (%d tries; the last: %v). "+
				"Check that this machine reaches it: a firewall, or a proxy (HTTPS_PROXY is used when set); "+
				"set BOT_API_URL for another Bot API server, BOT_API_STARTUP_TIMEOUT to wait longer", c.APIURL, timeout, try, last)}
		}
		log.Warn("the Bot API does not answer getMe yet: trying again", zap.String("bot_api_url", c.APIURL),
			zap.Int("try", try), zap.Duration("after", wait), zap.Error(err))
		select {
		case <-time.After(wait):
		case <-deadline.Done():
		}
		pause = min(pause*2, 15*time.Second)
	}
}

// unreachableError is ErrBotAPIUnreachable with what to tell the user.
type unreachableError struct{ msg string }

func (e *unreachableError) Error() string { return e.msg }
func (e *unreachableError) Unwrap() error { return ErrBotAPIUnreachable }

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline() // always set: made WithTimeout
	return d
}
