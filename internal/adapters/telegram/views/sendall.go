package views

import (
	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// sendAllButton is "⬇ Send all" for the list of files f selects (the send takes every page).
func (t *Texts) sendAllButton(f domain.FileFilter) models.InlineKeyboardButton {
	return button(t.BtnSendAll, Callback{Action: ActSendAll, List: ListRef{Filter: f}})
}

// SendAllView is a send-all's one message, edited in place as it goes: how many of its files are
// sent, with ✖ Stop while it runs; what it did once it ended.
func (t *Texts) SendAllView(s domain.BulkSend) View {
	switch s.State {
	case domain.BulkSendStopped:
		return Plain(t.SendAllStopped(s.Sent, s.Total()))
	case domain.BulkSendDone:
		return Plain(t.SendAllDone(s.Total()))
	}
	stop := Callback{Action: ActSendAllStop, Number: s.ID}
	return View{Text: t.SendAllProgress(s.Sent, s.Total()), Keyboard: keyboard(row{button(t.BtnSendAllStop, stop)})}
}
