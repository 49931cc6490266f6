package views

import (
	"strings"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
)

// LinkOpts are the limits a button of a link's options carries, each one chosen or left alone
// (its zero value): a new link's buttons carry all three, a made link's ⚙ buttons the one they
// change. They are coded in three characters, one per limit, "-" for one left alone: "n01" is
// never, anyone, protected.
type LinkOpts struct {
	Expiry  LinkExpiry
	People  LinkPeople
	Protect LinkProtect
}

// LinkExpiry is a choice of expiry.
type LinkExpiry uint8

// The expiries offered.
const (
	ExpiryLeft LinkExpiry = iota
	ExpiryNever
	ExpiryDay
	ExpiryWeek
)

// LinkPeople is a choice of how many people may open a link.
type LinkPeople uint8

// The limits of people offered.
const (
	PeopleLeft LinkPeople = iota
	PeopleAnyone
	People1
	People5
	People10
)

// LinkProtect is a choice of protection.
type LinkProtect uint8

// The protections.
const (
	ProtectLeft LinkProtect = iota
	ProtectOff
	ProtectOn
)

// The codes of each choice, by value: index 0 is "left alone".
const (
	expiryCodes  = "-n17"
	peopleCodes  = "-a15x"
	protectCodes = "-01"
)

var (
	expiries = [...]time.Duration{ExpiryNever: 0, ExpiryDay: 24 * time.Hour, ExpiryWeek: 7 * 24 * time.Hour}
	people   = [...]int{PeopleAnyone: 0, People1: 1, People5: 5, People10: 10}
)

// NewLinkOpts are the options a new link starts with: no expiry, anyone, not protected.
var NewLinkOpts = LinkOpts{Expiry: ExpiryNever, People: PeopleAnyone, Protect: ProtectOff}

func (o LinkOpts) code() string {
	return string([]byte{expiryCodes[o.Expiry%4], peopleCodes[o.People%5], protectCodes[o.Protect%3]})
}

func takeLinkOpts(args []string) (LinkOpts, []string, error) {
	if len(args) == 0 || len(args[0]) != 3 {
		return LinkOpts{}, nil, errBadCallback
	}
	e, p, r := strings.IndexByte(expiryCodes, args[0][0]), strings.IndexByte(peopleCodes, args[0][1]), strings.IndexByte(protectCodes, args[0][2])
	if e < 0 || p < 0 || r < 0 {
		return LinkOpts{}, nil, errBadCallback
	}
	return LinkOpts{Expiry: LinkExpiry(e), People: LinkPeople(p), Protect: LinkProtect(r)}, args[1:], nil
}

// Full is o with the choices left alone taken from NewLinkOpts.
func (o LinkOpts) Full() LinkOpts {
	if o.Expiry == ExpiryLeft {
		o.Expiry = NewLinkOpts.Expiry
	}
	if o.People == PeopleLeft {
		o.People = NewLinkOpts.People
	}
	if o.Protect == ProtectLeft {
		o.Protect = NewLinkOpts.Protect
	}
	return o
}

// with is o with the choices c makes.
func (o LinkOpts) with(c LinkOpts) LinkOpts {
	if c.Expiry != ExpiryLeft {
		o.Expiry = c.Expiry
	}
	if c.People != PeopleLeft {
		o.People = c.People
	}
	if c.Protect != ProtectLeft {
		o.Protect = c.Protect
	}
	return o
}

// Options are the limits of a new link o asks for.
func (o LinkOpts) Options() app.LinkOptions {
	o = o.Full()
	return app.LinkOptions{Expiry: expiries[o.Expiry], MaxViewers: people[o.People], Protect: o.Protect == ProtectOn}
}

// Change is the change to a link's limits o asks for.
func (o LinkOpts) Change() app.LimitChange {
	var ch app.LimitChange
	if o.Expiry != ExpiryLeft {
		d := expiries[o.Expiry]
		ch.Expiry = &d
	}
	if o.People != PeopleLeft {
		n := people[o.People]
		ch.MaxViewers = &n
	}
	if o.Protect != ProtectLeft {
		on := o.Protect == ProtectOn
		ch.Protect = &on
	}
	return ch
}
