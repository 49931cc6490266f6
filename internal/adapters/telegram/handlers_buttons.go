package telegram

import (
	"fmt"
	"strings"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

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
	cb, err := DecodeCallback(cq.Data)
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

func (r *Router) press(q *request, cb Callback) error {
	switch cb.Action {
	case ActMenu:
		q.show(q.t.MainMenu(q.user))
	case ActHelp:
		q.show(q.t.HelpView())
	case ActKinds:
		return r.showKinds(q)
	case ActList:
		return r.showList(q, cb.List)
	case ActCategories:
		return r.showCategories(q, cb.Page)
	case ActCategory:
		return r.showCategory(q, cb.CategoryID)
	case ActUpload:
		return r.showUploadPicker(q, cb.Page)
	case ActUploadInto:
		return r.startUpload(q, cb.CategoryID)
	case ActCancel:
		return r.cancelFlow(q)
	case ActNewCategory:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepNewCategory}, q.t.Prompt(q.t.CategoryNameAsk), ListRef{})
	case ActRenameCat:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepRenameCategory, CategoryID: cb.CategoryID}, q.t.Prompt(q.t.CategoryRenameAsk), ListRef{})
	case ActDeleteCat:
		return r.confirmCategoryDelete(q, cb.CategoryID)
	case ActDeleteCatYes:
		return r.deleteCategory(q, cb.CategoryID)
	case ActSearch:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepSearch}, q.t.Prompt(q.t.SearchAsk), ListRef{})
	case ActShareCat:
		return r.shareCategory(q, cb.CategoryID)
	case ActSharedGet:
		return r.sendShared(q, cb.ShareID, cb.FileID)
	case ActSaveCopy:
		return r.saveCopy(q, cb.ShareID, cb.FileID)
	case ActLinks, ActLinksPage:
		return r.showLinksPage(q, cb.Page)
	case ActRevoke, ActRevokeOnPage:
		return r.revokeLink(q, cb.ShareID, cb.Page)
	default:
		return r.pressOnSettings(q, cb)
	}
	return nil
}

func (r *Router) pressOnSettings(q *request, cb Callback) error {
	switch cb.Action {
	case ActProfile:
		return r.showProfile(q)
	case ActSettings:
		return r.showSettings(q)
	case ActPageSize:
		return r.updateSettings(q, func(s *domain.Settings) { s.PageSize = int(cb.Number) })
	case ActLanguage:
		return r.updateSettings(q, func(s *domain.Settings) { s.Language = cb.Language })
	case ActDefaultCat:
		return r.showDefaultCategoryPicker(q, cb.Page)
	case ActDefaultCatSet:
		return r.updateSettings(q, func(s *domain.Settings) {
			s.DefaultCategoryID = nil
			if cb.CategoryID != 0 {
				s.DefaultCategoryID = &cb.CategoryID
			}
		})
	}
	return r.pressOnFile(q, cb)
}

func (r *Router) pressOnFile(q *request, cb Callback) error {
	switch cb.Action {
	case ActGet:
		return r.sendBack(q, cb.FileID)
	case ActCard:
		return r.showCard(q, cb.FileID, cb.List)
	case ActRename:
		return r.beginFlow(q, domain.Conversation{Step: domain.StepRenameFile, FileID: cb.FileID}, q.t.Prompt(q.t.RenameAsk), cb.List)
	case ActMovePick:
		return r.showMovePicker(q, cb.FileID, cb.List, cb.Page)
	case ActMoveTo:
		return r.moveFile(q, cb.FileID, cb.CategoryID, cb.List)
	case ActDelete:
		return r.confirmFileAction(q, cb.FileID, cb.List, false)
	case ActDeleteYes:
		return r.trashFile(q, cb.FileID, cb.List)
	case ActRestore:
		return r.restoreFile(q, cb.FileID, cb.List)
	case ActPurge:
		return r.confirmFileAction(q, cb.FileID, cb.List, true)
	case ActPurgeYes:
		return r.purgeFile(q, cb.FileID, cb.List)
	case ActShare:
		return r.shareFile(q, cb.FileID, cb.List)
	case ActEmptyTrash:
		return r.confirmEmptyTrash(q)
	case ActEmptyTrashYes:
		return r.emptyTrash(q)
	}
	return fmt.Errorf("decoded callback with unhandled action %q", cb.Action)
}

// trimmed is a name as the use cases will see it, to quote it back.
func trimmed(name string) string { return strings.TrimSpace(name) }
