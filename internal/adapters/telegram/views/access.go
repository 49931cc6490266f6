package views

import (
	"strconv"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views/texts"
	"github.com/filekeeper/filekeeper/internal/app"
)

// BanSubject names a banned (or unbanned) user for an admin: their names, @username and
// Telegram id when the bot knows them, the id alone otherwise.
func BanSubject(v app.BanView) string {
	id := strconv.FormatInt(v.TelegramID, 10)
	if v.User == nil {
		return id
	}
	return texts.ProfileName(*v.User) + " · " + id
}

// BanCard tells an admin a user is banned and what they keep, with the buttons to delete their
// files (when they keep some) and to lift the ban.
func (t *Texts) BanCard(v app.BanView) View {
	who := BanSubject(v)
	text := t.Banned(who)
	if v.Already {
		text = t.BannedAlready(who)
	}
	files := t.BanNoFiles
	var rows []row
	if v.Files > 0 {
		files = t.BanFiles(v.Files)
		rows = append(rows, row{button(t.BtnBanDelete(v.Files), Callback{Action: ActBanDelete, Number: v.TelegramID})})
	}
	rows = append(rows, row{button(t.BtnUnban, Callback{Action: ActUnban, Number: v.TelegramID})})
	return View{Text: text + "\n" + files, Keyboard: keyboard(rows...)}
}

// BanDeleteConfirm asks an admin to confirm deleting a banned user's files for good.
func (t *Texts) BanDeleteConfirm(v app.BanView) View {
	return View{Text: t.BanDeleteAsk(BanSubject(v), v.Files), Keyboard: keyboard(
		row{button(t.BtnBanDeleteYes, Callback{Action: ActBanDeleteYes, Number: v.TelegramID})},
		row{button(t.BtnCancel, Callback{Action: ActBanCard, Number: v.TelegramID})},
	)}
}

// BanFilesDeletedView tells an admin how many files of a banned user were deleted, under the
// ban's card.
func (t *Texts) BanFilesDeletedView(deleted int, v app.BanView) View {
	card := t.BanCard(v)
	card.Text = t.BanFilesDeleted(deleted) + "\n\n" + card.Text
	return card
}
