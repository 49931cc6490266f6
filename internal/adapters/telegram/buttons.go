package telegram

import (
	"fmt"
	"strings"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func (r *Router) onButtonPressed(q *request, cq *models.CallbackQuery) error {
	q.chat = cq.From.ID
	if m := cq.Message.Message; m != nil {
		q.chat = m.Chat.ID
		if inPlace(m) {
			q.msgID = m.ID
		}
	}
	cb, err := views.DecodeCallback(cq.Data)
	if err != nil {
		q.log.Info("stale or forged button", zap.String("data", cq.Data))
		q.notify(q.t.StaleButton, false)
		q.show(q.t.MainMenu(q.user))
	} else if err := r.press(q, cb); err != nil {
		return err
	}
	// The answer goes first: it stops the button's spinner while the rest is delivered.
	answer := Reply{}
	answer.Answer(cq.ID, q.toast, q.alert)
	q.reply.actions = append(answer.actions, q.reply.actions...)
	return nil
}

func (r *Router) press(q *request, cb views.Callback) error {
	switch cb.Action {
	case views.ActMenu:
		q.show(q.t.MainMenu(q.user))
	case views.ActHelp:
		q.show(q.t.HelpView())
	case views.ActKinds:
		return r.showKinds(q)
	case views.ActList:
		return r.showList(q, cb.List)
	case views.ActCategories:
		return r.showCategories(q, cb.Page)
	case views.ActCategory:
		return r.showCategory(q, cb.CategoryID)
	case views.ActUpload:
		return r.showUploadPicker(q, cb.Page)
	case views.ActUploadInto:
		return r.startUpload(q, cb.CategoryID)
	case views.ActCancel:
		return r.cancelFlow(q)
	case views.ActNewCategory:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepNewCategory}, q.t.Prompt(q.t.CategoryNameAsk), views.ListRef{})
	case views.ActRenameCat:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepRenameCategory, CategoryID: cb.CategoryID}, q.t.Prompt(q.t.CategoryRenameAsk), views.ListRef{})
	case views.ActDeleteCat:
		return r.confirmCategoryDelete(q, cb.CategoryID)
	case views.ActDeleteCatYes:
		return r.deleteCategory(q, cb.CategoryID)
	case views.ActSearch:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepSearch}, q.t.Prompt(q.t.SearchAsk), views.ListRef{})
	case views.ActShareCat:
		return r.shareCategory(q, cb.CategoryID)
	case views.ActSharedGet:
		return r.sendShared(q, cb.ShareID, cb.FileID)
	case views.ActSaveCopy:
		return r.saveCopy(q, cb.ShareID, cb.FileID)
	case views.ActLinks, views.ActLinksPage:
		return r.showLinksPage(q, cb.Page)
	case views.ActRevoke, views.ActRevokeOnPage:
		return r.revokeLink(q, cb.ShareID, cb.Page)
	default:
		return r.pressOnSettings(q, cb)
	}
	return nil
}

func (r *Router) pressOnSettings(q *request, cb views.Callback) error {
	switch cb.Action {
	case views.ActProfile:
		return r.showProfile(q)
	case views.ActSettings:
		return r.showSettings(q)
	case views.ActPageSize:
		return r.updateSettings(q, func(s *domain.Settings) { s.PageSize = int(cb.Number) })
	case views.ActLanguage:
		return r.updateSettings(q, func(s *domain.Settings) { s.Language = cb.Language })
	case views.ActDefaultCat:
		return r.showDefaultCategoryPicker(q, cb.Page)
	case views.ActDefaultCatSet:
		return r.updateSettings(q, func(s *domain.Settings) {
			s.DefaultCategoryID = nil
			if cb.CategoryID != 0 {
				s.DefaultCategoryID = &cb.CategoryID
			}
		})
	}
	return r.pressOnFile(q, cb)
}

func (r *Router) pressOnFile(q *request, cb views.Callback) error {
	switch cb.Action {
	case views.ActGet:
		return r.sendBack(q, cb.FileID)
	case views.ActCard:
		return r.showCard(q, cb.FileID, cb.List)
	case views.ActRename:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepRenameFile, FileID: cb.FileID}, q.t.Prompt(q.t.RenameAsk), cb.List)
	case views.ActMovePick:
		return r.showMovePicker(q, cb.FileID, cb.List, cb.Page)
	case views.ActMoveTo:
		return r.moveFile(q, cb.FileID, cb.CategoryID, cb.List)
	case views.ActDelete:
		return r.confirmFileAction(q, cb.FileID, cb.List, false)
	case views.ActDeleteYes:
		return r.trashFile(q, cb.FileID, cb.List)
	case views.ActRestore:
		return r.restoreFile(q, cb.FileID, cb.List)
	case views.ActPurge:
		return r.confirmFileAction(q, cb.FileID, cb.List, true)
	case views.ActPurgeYes:
		return r.purgeFile(q, cb.FileID, cb.List)
	case views.ActShare:
		return r.shareFile(q, cb.FileID, cb.List)
	case views.ActEmptyTrash:
		return r.confirmEmptyTrash(q)
	case views.ActEmptyTrashYes:
		return r.emptyTrash(q)
	}
	return fmt.Errorf("decoded callback with unhandled action %q", cb.Action)
}

// trimmed is a name as the use cases will see it, to quote it back.
func trimmed(name string) string { return strings.TrimSpace(name) }
