package telegram

import "time"

// DefaultStartupTimeout bounds the wait for getMe when Config.StartupTimeout is zero.
const DefaultStartupTimeout = time.Minute

// Started is what the bot learnt and chose at start: who it is (from getMe, before any update
// is taken: the Router reads its username) and, for the line saying it is ready, how updates
// arrive.
type Started struct {
	Username string // the bot's @username, from getMe
	Mode     string // how updates arrive: "long polling" or "webhook <url>"
}
