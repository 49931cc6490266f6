package domain

import (
	"strings"
	"time"
)

// OriginKind is who a forwarded file first came from, as Telegram's forward_origin tells it.
type OriginKind string

// The kinds of origin.
const (
	OriginUser       OriginKind = "user"        // a user whose account the forward shows
	OriginHiddenUser OriginKind = "hidden_user" // a user who hides their account: a name only
	OriginChat       OriginKind = "chat"        // a group, posting as itself (an anonymous admin)
	OriginChannel    OriginKind = "channel"     // a channel post
)

// Valid reports whether k is one of the kinds of origin.
func (k OriginKind) Valid() bool {
	switch k {
	case OriginUser, OriginHiddenUser, OriginChat, OriginChannel:
		return true
	}
	return false
}

// MaxOriginNameLen bounds the name of an origin, in runes (a title with its @username).
const MaxOriginNameLen = 160

// Origin is where a forwarded file came from: the kind of sender, the name shown (a channel's or
// group's title, a user's name, with the @username when there is one) and the date of the
// original message. The zero Origin is a file that was not forwarded.
type Origin struct {
	Kind OriginKind
	Name string
	Date time.Time
}

// Forwarded reports whether the file came from another chat.
func (o Origin) Forwarded() bool { return o.Kind != "" }

// cleanOrigin is o as kept: an unknown kind is no origin, the name cleaned and bounded, the date
// in UTC.
func cleanOrigin(o Origin) Origin {
	if !o.Kind.Valid() {
		return Origin{}
	}
	name := strings.TrimSpace(CleanText(o.Name))
	if r := []rune(name); len(r) > MaxOriginNameLen {
		name = strings.TrimSpace(string(r[:MaxOriginNameLen]))
	}
	return Origin{Kind: o.Kind, Name: name, Date: o.Date.UTC()}
}
