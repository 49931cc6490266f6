package telegram

import (
	"strconv"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// search runs a new search and shows its first page of results.
func (r *Router) search(q *exchange, text string) error {
	s, page, err := r.app.Commands.Search.Start(q.ctx, q.user.ID, text, q.user.PageSize, q.user.Sort)
	switch f := q.failure(onSearch, err); {
	case f.cause == causeBadQuery:
		q.show(q.t.Hint(f.text))
		return nil
	case err != nil:
		return err
	}
	q.show(q.t.FileList(views.ListRef{Filter: domain.FileFilter{SearchID: s.ID}}, page, s.Text, 0))
	return nil
}

// searchGone answers a button of a saved search the user cannot page through: pruned (only the
// newest are kept), never theirs (a forged or replayed button) or not there at all. That is an
// answer, not a failure to retry: it says so and offers the menu, 🔎 Search included.
func searchGone(q *exchange, searchID int64, f failure, err error) error {
	q.log.Info("button of a search that is gone or not the user's", zap.Int64("search_id", searchID), zap.Error(err))
	q.show(q.t.Hint(f.text))
	return nil
}

// onInlineQuery answers "@bot words" typed in any chat with the user's matching files, which
// Telegram sends from its cache when one is chosen.
func (r *Router) onInlineQuery(q *exchange, iq *models.InlineQuery) error {
	var after int64
	if iq.Offset != "" {
		n, err := strconv.ParseInt(iq.Offset, 36, 64)
		if err != nil || n < 0 {
			q.reply.AnswerInline(iq.ID, nil, "") // a forged offset: nothing more to show
			return nil
		}
		after = n
	}
	page, err := r.app.Queries.Find.Inline(q.ctx, q.user.ID, iq.Query, after)
	if q.failure(onSearch, err).cause == causeBadQuery {
		q.reply.AnswerInline(iq.ID, nil, "")
		return nil
	}
	if err != nil {
		return err
	}
	results := make([]models.InlineQueryResult, 0, len(page.Items))
	for _, f := range page.Items {
		if !f.KeptBy(r.botID()) {
			continue // a file id of another bot would fail the whole answer; sent once, the file is this bot's
		}
		if res := views.InlineResult(f); res != nil {
			results = append(results, res)
		}
	}
	next := ""
	if page.Next != nil {
		next = strconv.FormatInt(page.Next.ID, 36)
	}
	q.reply.AnswerInline(iq.ID, results, next)
	return nil
}
