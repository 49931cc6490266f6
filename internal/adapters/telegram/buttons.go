package telegram

import (
	"fmt"
	"strings"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func (r *Router) onButtonPressed(q *exchange, cq *models.CallbackQuery) error {
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

// press runs the handler of the button's action.
func (r *Router) press(q *exchange, cb views.Callback) error {
	h, ok := buttons[cb.Action]
	if !ok {
		return fmt.Errorf("decoded callback with unhandled action %q", cb.Action)
	}
	return h(r, q, cb)
}

// pressFunc handles one action of a button, with the arguments its callback carries.
type pressFunc func(r *Router, q *exchange, cb views.Callback) error

// buttons is what each action does: one row per action. The code of an action and the arguments
// it carries are the codec's (views.Actions, in the pure views package that renders the buttons);
// checkButtons refuses, at start, an action with no row here or a row for no action.
var buttons = map[views.Action]pressFunc{
	views.ActMenu: func(r *Router, q *exchange, _ views.Callback) error {
		q.show(q.t.MainMenu(q.user))
		return nil
	},
	views.ActHelp: func(r *Router, q *exchange, _ views.Callback) error {
		q.show(q.t.HelpView())
		return nil
	},
	views.ActKinds:      func(r *Router, q *exchange, _ views.Callback) error { return r.showKinds(q) },
	views.ActList:       func(r *Router, q *exchange, cb views.Callback) error { return r.showList(q, cb.List) },
	views.ActCategories: func(r *Router, q *exchange, cb views.Callback) error { return r.showCategories(q, cb.Page) },
	views.ActCategory:   func(r *Router, q *exchange, cb views.Callback) error { return r.showCategory(q, cb.CategoryID) },
	views.ActUpload:     func(r *Router, q *exchange, cb views.Callback) error { return r.showUploadPicker(q, cb.Page) },
	views.ActUploadInto: func(r *Router, q *exchange, cb views.Callback) error { return r.startUpload(q, cb.CategoryID) },
	views.ActCancel:     func(r *Router, q *exchange, _ views.Callback) error { return r.cancelFlow(q) },
	views.ActNewCategory: func(r *Router, q *exchange, _ views.Callback) error {
		return r.beginFlow(q, domain.Conversation{Step: domain.StepNewCategory}, q.t.Prompt(q.t.CategoryNameAsk), views.ListRef{})
	},
	views.ActRenameCat: func(r *Router, q *exchange, cb views.Callback) error {
		return r.beginFlow(q, domain.Conversation{Step: domain.StepRenameCategory, CategoryID: cb.CategoryID}, q.t.Prompt(q.t.CategoryRenameAsk), views.ListRef{})
	},
	views.ActDeleteCat: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmCategoryDelete(q, cb.CategoryID)
	},
	views.ActDeleteCatYes: func(r *Router, q *exchange, cb views.Callback) error { return r.deleteCategory(q, cb.CategoryID) },
	views.ActSearch: func(r *Router, q *exchange, _ views.Callback) error {
		return r.beginFlow(q, domain.Conversation{Step: domain.StepSearch}, q.t.Prompt(q.t.SearchAsk), views.ListRef{})
	},
	views.ActShareCat: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showCategoryLinkOptions(q, cb.CategoryID, views.NewLinkOpts)
	},
	views.ActCatLinkOpts: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showCategoryLinkOptions(q, cb.CategoryID, cb.Opts)
	},
	views.ActFileLinkOpts: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showFileLinkOptions(q, cb.FileID, cb.List, cb.Opts)
	},
	views.ActMakeFileLink: func(r *Router, q *exchange, cb views.Callback) error {
		return r.shareFile(q, cb.FileID, cb.List, cb.Opts)
	},
	views.ActMakeCatLink: func(r *Router, q *exchange, cb views.Callback) error {
		return r.shareCategory(q, cb.CategoryID, cb.Opts)
	},
	views.ActAlbumLinkOpts: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showAlbumLinkOptions(q, cb.AlbumID, cb.List, cb.Opts)
	},
	views.ActMakeAlbumLink: func(r *Router, q *exchange, cb views.Callback) error {
		return r.shareAlbum(q, cb.AlbumID, cb.List, cb.Opts)
	},
	views.ActLinkSettings: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showLinkSettings(q, cb.ShareID, cb.Page)
	},
	views.ActLinkSet: func(r *Router, q *exchange, cb views.Callback) error {
		return r.setLinkLimits(q, cb.ShareID, cb.Page, cb.Opts)
	},
	views.ActSharedGet:    func(r *Router, q *exchange, cb views.Callback) error { return r.sendShared(q, cb.ShareID, cb.FileID) },
	views.ActSaveCopy:     func(r *Router, q *exchange, cb views.Callback) error { return r.saveCopy(q, cb.ShareID, cb.FileID) },
	views.ActLinks:        func(r *Router, q *exchange, cb views.Callback) error { return r.showLinksPage(q, cb.Page) },
	views.ActLinksPage:    func(r *Router, q *exchange, cb views.Callback) error { return r.showLinksPage(q, cb.Page) },
	views.ActRevoke:       func(r *Router, q *exchange, cb views.Callback) error { return r.revokeLink(q, cb.ShareID, cb.Page) },
	views.ActRevokeOnPage: func(r *Router, q *exchange, cb views.Callback) error { return r.revokeLink(q, cb.ShareID, cb.Page) },
	views.ActProfile:      func(r *Router, q *exchange, _ views.Callback) error { return r.showProfile(q) },
	views.ActExport:       func(r *Router, q *exchange, _ views.Callback) error { return r.requestExport(q) },
	views.ActSettings:     func(r *Router, q *exchange, _ views.Callback) error { return r.showSettings(q) },
	views.ActPageSize: func(r *Router, q *exchange, cb views.Callback) error {
		return r.updateSettings(q, func(s *domain.Settings) { s.PageSize = int(cb.Number) })
	},
	views.ActLanguage: func(r *Router, q *exchange, cb views.Callback) error {
		return r.updateSettings(q, func(s *domain.Settings) { s.Language = cb.Language })
	},
	views.ActDefaultCat: func(r *Router, q *exchange, cb views.Callback) error { return r.showDefaultCategoryPicker(q, cb.Page) },
	views.ActDefaultCatSet: func(r *Router, q *exchange, cb views.Callback) error {
		return r.updateSettings(q, func(s *domain.Settings) {
			s.DefaultCategoryID = nil
			if cb.CategoryID != 0 {
				s.DefaultCategoryID = &cb.CategoryID
			}
		})
	},
	views.ActGet:  func(r *Router, q *exchange, cb views.Callback) error { return r.sendBack(q, cb.FileID) },
	views.ActCard: func(r *Router, q *exchange, cb views.Callback) error { return r.showCard(q, cb.FileID, cb.List) },
	views.ActRename: func(r *Router, q *exchange, cb views.Callback) error {
		return r.beginFlow(q, domain.Conversation{Step: domain.StepRenameFile, FileID: cb.FileID}, q.t.Prompt(q.t.RenameAsk), cb.List)
	},
	views.ActMovePick: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showMovePicker(q, cb.FileID, cb.List, cb.Page)
	},
	views.ActMoveTo: func(r *Router, q *exchange, cb views.Callback) error {
		return r.moveFile(q, cb.FileID, cb.CategoryID, cb.List)
	},
	views.ActDelete: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmFileAction(q, cb.FileID, cb.List, false)
	},
	views.ActDeleteYes: func(r *Router, q *exchange, cb views.Callback) error { return r.trashFile(q, cb.FileID, cb.List) },
	views.ActRestore:   func(r *Router, q *exchange, cb views.Callback) error { return r.restoreFile(q, cb.FileID, cb.List) },
	views.ActPurge: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmFileAction(q, cb.FileID, cb.List, true)
	},
	views.ActPurgeYes: func(r *Router, q *exchange, cb views.Callback) error { return r.purgeFile(q, cb.FileID, cb.List) },
	views.ActShare: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showFileLinkOptions(q, cb.FileID, cb.List, views.NewLinkOpts)
	},
	views.ActEmptyTrash:    func(r *Router, q *exchange, _ views.Callback) error { return r.confirmEmptyTrash(q) },
	views.ActEmptyTrashYes: func(r *Router, q *exchange, _ views.Callback) error { return r.emptyTrash(q) },
	views.ActBanCard:       func(r *Router, q *exchange, cb views.Callback) error { return r.showBan(q, cb.Number, false) },
	views.ActBanDelete:     func(r *Router, q *exchange, cb views.Callback) error { return r.showBan(q, cb.Number, true) },
	views.ActBanDeleteYes:  func(r *Router, q *exchange, cb views.Callback) error { return r.deleteBannedFiles(q, cb.Number) },
	views.ActUnban:         func(r *Router, q *exchange, cb views.Callback) error { return r.unban(q, cb.Number) },
	// Select many (selection.go).
	views.ActSelect:       func(r *Router, q *exchange, cb views.Callback) error { return r.openSelection(q, cb.List) },
	views.ActSelectPage:   func(r *Router, q *exchange, cb views.Callback) error { return r.showSelection(q, cb.List) },
	views.ActSelectToggle: func(r *Router, q *exchange, cb views.Callback) error { return r.toggleSelected(q, cb.FileID, cb.List) },
	views.ActSelectAll:    func(r *Router, q *exchange, cb views.Callback) error { return r.toggleSelectedPage(q, cb.List) },
	views.ActSelectDone:   func(r *Router, q *exchange, cb views.Callback) error { return r.endSelection(q, cb.List) },
	views.ActSelectMove: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showSelectionMovePicker(q, cb.List, cb.Page)
	},
	views.ActSelectMoveAsk: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmBatch(q, views.ActSelectMoveYes, cb.CategoryID, cb.List)
	},
	views.ActSelectMoveYes: func(r *Router, q *exchange, cb views.Callback) error {
		return r.applyBatch(q, domain.BatchMove, cb.CategoryID, cb.List)
	},
	views.ActSelectDelete: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmBatch(q, views.ActSelectDeleteYes, 0, cb.List)
	},
	views.ActSelectDeleteYes: func(r *Router, q *exchange, cb views.Callback) error {
		return r.applyBatch(q, domain.BatchTrash, 0, cb.List)
	},
	views.ActSelectRestore: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmBatch(q, views.ActSelectRestoreYes, 0, cb.List)
	},
	views.ActSelectRestoreYes: func(r *Router, q *exchange, cb views.Callback) error {
		return r.applyBatch(q, domain.BatchRestore, 0, cb.List)
	},
	views.ActSelectSend: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmBatch(q, views.ActSelectSendYes, 0, cb.List)
	},
	views.ActSelectSendYes: func(r *Router, q *exchange, cb views.Callback) error { return r.sendSelected(q, cb.List) },
	views.ActSelectTag:     func(r *Router, q *exchange, cb views.Callback) error { return r.askSelectionTags(q, cb.List) },
	views.ActUndoBatch:     func(r *Router, q *exchange, cb views.Callback) error { return r.undoBatch(q, cb.BatchID, cb.List) },
	views.ActTags:          func(r *Router, q *exchange, cb views.Callback) error { return r.showTags(q, cb.Page) },
	views.ActEditTags:      func(r *Router, q *exchange, cb views.Callback) error { return r.askTags(q, cb.FileID, cb.List) },
	views.ActSort: func(r *Router, q *exchange, cb views.Callback) error {
		return r.updateSettings(q, func(s *domain.Settings) { s.Sort = cb.Sort })
	},
	views.ActAlbum:    func(r *Router, q *exchange, cb views.Callback) error { return r.showAlbum(q, cb.AlbumID, cb.List) },
	views.ActAlbumGet: func(r *Router, q *exchange, cb views.Callback) error { return r.sendAlbum(q, cb.AlbumID) },
	views.ActAlbumRename: func(r *Router, q *exchange, cb views.Callback) error {
		return r.beginAlbumRename(q, cb.AlbumID, cb.List)
	},
	views.ActAlbumMovePick: func(r *Router, q *exchange, cb views.Callback) error {
		return r.showAlbumMovePicker(q, cb.AlbumID, cb.List, cb.Page)
	},
	views.ActAlbumMoveTo: func(r *Router, q *exchange, cb views.Callback) error {
		return r.moveAlbum(q, cb.AlbumID, cb.CategoryID, cb.List)
	},
	views.ActAlbumDelete: func(r *Router, q *exchange, cb views.Callback) error {
		return r.confirmAlbumDelete(q, cb.AlbumID, cb.List)
	},
	views.ActAlbumDeleteYes: func(r *Router, q *exchange, cb views.Callback) error { return r.trashAlbum(q, cb.AlbumID, cb.List) },
	views.ActAlbumRestore:   func(r *Router, q *exchange, cb views.Callback) error { return r.restoreAlbum(q, cb.AlbumID, cb.List) },
	views.ActSendAll:        func(r *Router, q *exchange, cb views.Callback) error { return r.startSendAll(q, cb.List) },
	views.ActSendAllStop:    func(r *Router, q *exchange, cb views.Callback) error { return r.stopSendAll(q, cb.Number) },
}

// checkButtons reports an action of the codec that no row of buttons handles, or a row for an
// action the codec does not know: either would be a button that can never work.
func checkButtons() error {
	known := map[views.Action]bool{}
	for _, a := range views.Actions() {
		known[a] = true
		if buttons[a] == nil {
			return fmt.Errorf("the button action %q has no handler", a)
		}
	}
	for a := range buttons {
		if !known[a] {
			return fmt.Errorf("a button handler for %q, an action the callback codec does not know", a)
		}
	}
	return nil
}

// trimmed is a name as the use cases will see it, to quote it back.
func trimmed(name string) string { return strings.TrimSpace(name) }
