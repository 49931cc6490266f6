package telegram

import (
	"errors"
	"maps"
	"slices"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// This file is the one place domain errors become what the user is told. The refusals table
// matches each domain error (a sentinel with errors.Is, a typed error that carries data with
// errors.As) and tells it in the user's language, in the words of what the user was at where
// those differ. Handlers ask failureOf and decide on the cause what comes next (an alert, the
// list again, the flow going on); they never look at a domain error themselves.

// A failure is what a handler makes of an error: which refusal of the domain it is and what the
// user is told of it. The zero failure is no refusal: the error is the system's, the handler
// returns it and the update is tried again (or parked).
type failure struct {
	cause cause
	text  string
}

// A cause is one refusal of the domain, as handlers tell them apart.
type cause int

const (
	notRefused            cause = iota
	causeNotFound               // domain.ErrNotFound
	causeForbidden              // domain.ErrForbidden
	causeDuplicate              // domain.ErrDuplicate
	causeBadName                // *domain.NameError, domain.ErrInvalidName
	causeNoUser                 // domain.ErrInvalidUser
	causeBadFile                // domain.ErrInvalidFile
	causeTooLarge               // *domain.TooLargeError, domain.ErrTooLarge
	causeQuota                  // *domain.QuotaError
	causeCategoryLimit          // *domain.CategoryLimitError
	causeLinkLimit              // *domain.LinkLimitError
	causeLimit                  // domain.ErrQuotaExceeded of no kind above
	causeBadQuery               // *domain.QueryError, domain.ErrInvalidQuery
	causeBadToken               // domain.ErrInvalidToken
	causeBadSettings            // domain.ErrInvalidSettings
	causeRevoked                // domain.ErrRevoked
	causeAdminBan               // domain.ErrAdminBan
	causeOtherBot               // domain.ErrKeptByAnotherBot
	causeSelectionFull          // *domain.SelectionFullError
	causeSelectionExpired       // domain.ErrSelectionExpired
	causeNothingSelected        // domain.ErrNothingSelected
	causeBatchUndone            // domain.ErrBatchUndone
	causeExpired                // domain.ErrLinkExpired
	causeUsedUp                 // domain.ErrLinkUsedUp
	causeProtected              // domain.ErrLinkProtected
	causeBadTag                 // domain.ErrInvalidTag
	causeTooManyTags            // domain.ErrTooManyTags
)

// is reports whether the failure is one of causes.
func (f failure) is(causes ...cause) bool { return slices.Contains(causes, f.cause) }

// gone reports whether the failure is of something that is not the user's (any more): not there,
// or someone else's; most answers tell both alike.
func (f failure) gone() bool { return f.is(causeNotFound, causeForbidden) }

// A topic is what the user was at when refused; some refusals are told in its words.
type topic int

const (
	onAnything   topic = iota // no words of its own: the refusal's
	onFile                    // a button of one of the user's files
	onFlowFile                // the file a flow is about: gone or someone else's is told alike
	onCategory                // a category: pressed, made, renamed, or the list of one
	onSearch                  // a search: a query, or a button of a saved one
	onSettings                // the settings, the default category among them
	onLink                    // a link opened by its token
	onSharedFile              // a button under a file of a link
	onOwnLink                 // one of the user's links
	onStats                   // /stats
	onBan                     // an admin's /ban, /unban and their buttons; the name is the user's id
	onTag                     // a tag: pressed, or the list of one
	onAlbum                   // a button of one of the user's albums
)

// A subject is what a refusal is about: the topic, and the name the user sent where the words
// repeat it.
type subject struct {
	topic topic
	name  string
}

// failureOf tells err to the user of t who was at s; the zero failure if it is no refusal.
func failureOf(t *views.Texts, s subject, err error) failure {
	if err == nil {
		return failure{}
	}
	for _, r := range refusals {
		if tell, ok := r.match(err); ok {
			return failure{cause: r.cause, text: tell(t, s)}
		}
	}
	return failure{}
}

// failure tells err to the user of q, who was at tp.
func (q *exchange) failure(tp topic, err error) failure {
	return failureOf(q.t, subject{topic: tp}, err)
}

// gone reports whether err means the file or category asked for is not the user's (any more),
// where nothing is told of it.
func gone(err error) bool {
	for _, r := range refusals {
		if _, ok := r.match(err); ok {
			return failure{cause: r.cause}.gone()
		}
	}
	return false
}

// words tell a refusal to the user of t, who was at s.
type words func(t *views.Texts, s subject) string

// A refusal is one row of the table: the domain error it matches and its words.
type refusal struct {
	cause cause
	// of is the domain error: the sentinel, or a nil of the error type (the test names it so).
	of error
	// match gives the words of err if err is this refusal.
	match func(err error) (words, bool)
	// topics are the topics with words of their own.
	topics []topic
}

// sentinel is the refusal of target, matched with errors.Is: told in its words, or in those of
// the topic the user was at.
func sentinel(c cause, target error, told words, by map[topic]words) refusal {
	return refusal{cause: c, of: target, topics: slices.Sorted(maps.Keys(by)), match: func(err error) (words, bool) {
		if !errors.Is(err, target) {
			return nil, false
		}
		return func(t *views.Texts, s subject) string {
			if w, ok := by[s.topic]; ok {
				return w(t, s)
			}
			return told(t, s)
		}, true
	}}
}

// typed is the refusal of the domain error type E, matched with errors.As, told with its data.
func typed[E error](c cause, told func(t *views.Texts, e E) string) refusal {
	var none E
	return refusal{cause: c, of: none, match: func(err error) (words, bool) {
		var e E
		if !errors.As(err, &e) {
			return nil, false
		}
		return func(t *views.Texts, _ subject) string { return told(t, e) }, true
	}}
}

// text is words that are one text of t whatever the subject.
func text(pick func(t *views.Texts) string) words {
	return func(t *views.Texts, _ subject) string { return pick(t) }
}

var (
	sayFileGone     = text(func(t *views.Texts) string { return t.FileGone })
	sayCategoryGone = text(func(t *views.Texts) string { return t.CategoryGone })
	saySearchGone   = text(func(t *views.Texts) string { return t.SearchGone })
	sayLinkBroken   = text(func(t *views.Texts) string { return t.LinkBroken })
	sayTagGone      = text(func(t *views.Texts) string { return t.TagGone })
	sayAlbumGone    = text(func(t *views.Texts) string { return t.AlbumGone })
)

// refusals is the table. Typed errors come before the sentinel they match (a *domain.QuotaError
// is a domain.ErrQuotaExceeded), so their data is told; the sentinel's words stand for one that
// comes without data.
var refusals = []refusal{
	typed(causeBadName, func(t *views.Texts, e *domain.NameError) string { return t.NameRule(e) }),
	typed(causeTooLarge, func(t *views.Texts, e *domain.TooLargeError) string {
		return t.TooLarge(t.Size(e.Size), t.Size(e.Limit))
	}),
	typed(causeQuota, quotaText),
	typed(causeSelectionFull, func(t *views.Texts, e *domain.SelectionFullError) string { return t.SelectionFull(e.Max) }),
	typed(causeCategoryLimit, func(t *views.Texts, e *domain.CategoryLimitError) string { return t.CategoryLimit(e.Limit) }),
	typed(causeLinkLimit, func(t *views.Texts, e *domain.LinkLimitError) string { return t.LinkLimit(e.Limit) }),
	typed(causeBadQuery, func(t *views.Texts, e *domain.QueryError) string {
		if e.TooLong {
			return t.QueryTooLong(e.Max)
		}
		return t.QueryEmpty
	}),

	sentinel(causeNotFound, domain.ErrNotFound, sayFileGone, map[topic]words{
		onBan: func(t *views.Texts, s subject) string { return t.NotBanned(s.name) },
		onTag: sayTagGone, onCategory: sayCategoryGone, onSettings: sayCategoryGone, onSearch: saySearchGone,
		onLink: sayLinkBroken, onSharedFile: sayLinkBroken, onOwnLink: sayLinkBroken, onAlbum: sayAlbumGone,
	}),
	sentinel(causeForbidden, domain.ErrForbidden, text(func(t *views.Texts) string { return t.NotYourFile }), map[topic]words{
		onTag: sayTagGone, onFlowFile: sayFileGone, onCategory: sayCategoryGone, onSettings: sayCategoryGone, onSearch: saySearchGone,
		onLink: sayLinkBroken, onOwnLink: sayLinkBroken, onAlbum: sayAlbumGone,
		onSharedFile: text(func(t *views.Texts) string { return t.LinkNotOpened }),
		// /stats refused is told as if there were no such command, so it is not advertised.
		onStats: text(func(t *views.Texts) string { return t.UnknownCommand("/stats") }),
		// A ban's button pressed by someone who is no admin (any more): stale to them.
		onBan: text(func(t *views.Texts) string { return t.StaleButton }),
	}),
	sentinel(causeDuplicate, domain.ErrDuplicate, func(t *views.Texts, s subject) string { return t.CategoryExists(s.name) }, nil),
	sentinel(causeBadName, domain.ErrInvalidName, text(func(t *views.Texts) string { return t.NameRefused }), nil),
	// A user Telegram did not identify cannot be registered: the update is parked, as it says.
	sentinel(causeNoUser, domain.ErrInvalidUser, text(func(t *views.Texts) string { return t.Parked }), nil),
	sentinel(causeBadFile, domain.ErrInvalidFile, text(func(t *views.Texts) string { return t.BadFile }), nil),
	sentinel(causeTooLarge, domain.ErrTooLarge, text(func(t *views.Texts) string { return t.FileTooLarge }), nil),
	sentinel(causeLimit, domain.ErrQuotaExceeded, text(func(t *views.Texts) string { return t.LimitReached }), nil),
	sentinel(causeBadQuery, domain.ErrInvalidQuery, text(func(t *views.Texts) string { return t.QueryRefused }), nil),
	sentinel(causeBadToken, domain.ErrInvalidToken, sayLinkBroken, nil),
	sentinel(causeBadSettings, domain.ErrInvalidSettings, text(func(t *views.Texts) string { return t.StaleButton }), nil),
	sentinel(causeRevoked, domain.ErrRevoked, text(func(t *views.Texts) string { return t.LinkRevoked }), nil),
	sentinel(causeAdminBan, domain.ErrAdminBan, text(func(t *views.Texts) string { return t.AdminBan }), nil),
	sentinel(causeOtherBot, domain.ErrKeptByAnotherBot, text(func(t *views.Texts) string { return t.KeptByAnotherBot }), nil),
	sentinel(causeSelectionExpired, domain.ErrSelectionExpired, text(func(t *views.Texts) string { return t.SelectionExpired }), nil),
	sentinel(causeNothingSelected, domain.ErrNothingSelected, text(func(t *views.Texts) string { return t.NothingSelected }), nil),
	sentinel(causeBatchUndone, domain.ErrBatchUndone, text(func(t *views.Texts) string { return t.BatchUndoneAlready }), nil),
	sentinel(causeExpired, domain.ErrLinkExpired, text(func(t *views.Texts) string { return t.LinkExpired }), nil),
	sentinel(causeUsedUp, domain.ErrLinkUsedUp, text(func(t *views.Texts) string { return t.LinkUsedUp }), nil),
	sentinel(causeProtected, domain.ErrLinkProtected, text(func(t *views.Texts) string { return t.LinkProtected }), nil),
	sentinel(causeBadTag, domain.ErrInvalidTag, text(func(t *views.Texts) string { return t.TagsRefused }), nil),
	sentinel(causeTooManyTags, domain.ErrTooManyTags, text(func(t *views.Texts) string { return t.TooManyTags(domain.MaxTagsPerFile) }), nil),
}

// quotaText says which quota refused a file, its limit and what is used.
func quotaText(t *views.Texts, e *domain.QuotaError) string {
	if e.Quota == domain.QuotaFiles {
		return t.QuotaFiles(e.Limit, e.Used)
	}
	return t.QuotaBytes(t.Size(e.Limit), t.Size(e.Used))
}
