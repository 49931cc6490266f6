package telegram

import (
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func (r *Router) showProfile(q *exchange) error {
	v, err := r.app.Queries.Profile.Show(q.ctx, q.user)
	if err != nil {
		return err
	}
	q.show(q.t.ProfileView(v))
	return nil
}

func (r *Router) showSettings(q *exchange) error {
	name := ""
	if id := q.user.DefaultCategoryID; id != nil {
		c, err := r.app.Queries.Categories.Get(q.ctx, q.user.ID, *id)
		if err != nil && !gone(err) {
			return err
		}
		name = c.Name
	}
	q.show(q.t.SettingsView(q.user, name))
	return nil
}

// updateSettings applies change to the user's settings, stores them and shows them, in the
// language they now chose.
func (r *Router) updateSettings(q *exchange, change func(*domain.Settings)) error {
	s := q.user.Settings()
	change(&s)
	u, err := r.app.Commands.Settings.Update(q.ctx, q.user, s)
	switch f := q.failure(onSettings, err); {
	case f.cause == causeBadSettings, f.gone():
		q.notify(f.text, false)
	case err != nil:
		return err
	default:
		q.user, q.t = u, r.texts(u)
		q.notify(q.t.SettingsSaved, false)
	}
	return r.showSettings(q)
}

func (r *Router) showDefaultCategoryPicker(q *exchange, page domain.Cursor) error {
	cats, err := r.app.Queries.Categories.List(q.ctx, q.user.ID, page, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.DefaultCategoryPicker(cats))
	return nil
}

// requestExport asks for the user's library export (/export, or 📦 Export on the profile): a
// job builds and sends it; the user is told it is on its way.
func (r *Router) requestExport(q *exchange) error {
	if err := r.app.Commands.RequestExport.Handle(q.ctx, q.user.ID); err != nil {
		return err
	}
	q.reply.Send(q.chat, views.View{Text: q.t.ExportPreparing}, 0)
	return nil
}
