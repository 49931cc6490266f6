package views

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Callback data is a tiny versioned codec: "<version>|<action>|<arg>...", at most 64 bytes as
// Telegram requires. Each action has a fixed list of typed arguments; ids are base 36. A button
// that does not decode (an old version, a forged payload) is answered politely, never trusted:
// every id it carries is checked by the use cases.
const (
	CallbackVersion = "1" // the first field of every payload
	maxCallbackLen  = 64
)

// Action is what a button asks for.
type Action string

// The actions of the buttons.
const (
	ActMenu          Action = "m"  // main menu
	ActHelp          Action = "h"  // help
	ActKinds         Action = "k"  // My files: the kinds menu
	ActList          Action = "l"  // a page of a list: List
	ActGet           Action = "f"  // send a file back: FileID
	ActCard          Action = "c"  // a file's card: FileID, List (where Back returns)
	ActRename        Action = "rn" // ask for a file's new name: FileID, List
	ActMovePick      Action = "mp" // pick a category to move a file to: FileID, List, Page
	ActMoveTo        Action = "mt" // move a file: FileID, CategoryID (0: none), List
	ActDelete        Action = "dl" // ask to confirm a delete: FileID, List
	ActDeleteYes     Action = "dy" // delete to the trash: FileID, List
	ActRestore       Action = "rs" // restore from the trash (also Undo): FileID, List
	ActPurge         Action = "px" // ask to confirm a delete forever: FileID, List
	ActPurgeYes      Action = "py" // delete forever: FileID, List
	ActCategories    Action = "cs" // a page of the categories: Page
	ActCategory      Action = "co" // a category's menu: CategoryID
	ActNewCategory   Action = "cn" // ask for a new category's name
	ActRenameCat     Action = "cr" // ask for a category's new name: CategoryID
	ActDeleteCat     Action = "cd" // ask to confirm a category delete: CategoryID
	ActDeleteCatYes  Action = "cy" // delete a category: CategoryID
	ActUpload        Action = "u"  // pick the category to upload into: Page
	ActUploadInto    Action = "ui" // start uploading into CategoryID (0: none)
	ActCancel        Action = "x"  // leave the flow under way
	ActSearch        Action = "sa" // ask for words to search for
	ActShare         Action = "sh" // make a link to a file: FileID, List
	ActShareCat      Action = "sc" // make a link to a category: CategoryID
	ActSharedGet     Action = "sg" // get a file of an opened link: ShareID, FileID
	ActSaveCopy      Action = "sv" // save a file of an opened link: ShareID, FileID
	ActLinks         Action = "ln" // the user's links
	ActRevoke        Action = "rv" // revoke a link: ShareID
	ActProfile       Action = "pf" // the profile
	ActSettings      Action = "st" // the settings
	ActPageSize      Action = "ps" // set the page size: Number
	ActLanguage      Action = "lg" // set the language: Language
	ActDefaultCat    Action = "dc" // pick the default upload category: Page
	ActDefaultCatSet Action = "ds" // set the default upload category: CategoryID (0: none)
	ActEmptyTrash    Action = "et" // ask to confirm emptying the trash
	ActEmptyTrashYes Action = "ey" // empty the trash
	ActLinksPage     Action = "lp" // a page of the user's links: Page
	ActRevokeOnPage  Action = "ra" // revoke a link, then show the page of links: ShareID, Page
	ActExport        Action = "ze" // send the user their library as documents
	// An admin's buttons under a ban; Number is the banned user's Telegram id.
	ActBanCard      Action = "bc" // the ban's card: Number
	ActBanDelete    Action = "bd" // ask to confirm deleting the banned user's files: Number
	ActBanDeleteYes Action = "bx" // delete the banned user's files for good: Number
	ActUnban        Action = "bu" // lift the ban: Number
	// Select many, on the list List names (its cursor the page shown); BatchID is a batch to undo.
	ActSelect           Action = "qo" // start selecting on a page: List
	ActSelectPage       Action = "qp" // another page with the selection: List
	ActSelectToggle     Action = "qt" // select or unselect a file: FileID, List
	ActSelectAll        Action = "qa" // select or unselect the whole page: List
	ActSelectDone       Action = "qx" // stop selecting, back to the list: List
	ActSelectMove       Action = "qm" // pick the category to move the selection to: List, Page
	ActSelectMoveAsk    Action = "qc" // ask to confirm the move: CategoryID (0: none), List
	ActSelectMoveYes    Action = "qy" // move the selection: CategoryID (0: none), List
	ActSelectDelete     Action = "qd" // ask to confirm deleting the selection: List
	ActSelectDeleteYes  Action = "qe" // delete the selection to the trash: List
	ActSelectRestore    Action = "qr" // ask to confirm restoring the selection: List
	ActSelectRestoreYes Action = "qs" // restore the selection: List
	ActSelectSend       Action = "qg" // ask to confirm sending the selection: List
	ActSelectSendYes    Action = "qh" // send the selected files back: List
	ActSelectTag        Action = "qn" // ask for the tags to put on the selection or take off it: List
	ActUndoBatch        Action = "qu" // undo a batch: BatchID, List
	// The limits of links: a new link's options, the link made with them, a link's ⚙ settings.
	ActFileLinkOpts Action = "wf" // the options of a new link to a file: FileID, List, Opts
	ActCatLinkOpts  Action = "wc" // the options of a new link to a category: CategoryID, Opts
	ActMakeFileLink Action = "wm" // make the link to a file: FileID, List, Opts
	ActMakeCatLink  Action = "wk" // make the link to a category: CategoryID, Opts
	// ActAlbumLinkOpts: the options of a new link to an album: AlbumID, List, Opts.
	ActAlbumLinkOpts Action = "wa"
	// ActMakeAlbumLink: make the link to an album: AlbumID, List, Opts.
	ActMakeAlbumLink Action = "wb"
	ActLinkSettings  Action = "we" // a link's ⚙ settings: ShareID, Page (of the links to return to)
	ActLinkSet       Action = "ws" // change a link's limits (the Opts set): ShareID, Page, Opts
	ActTags          Action = "tl" // a page of the user's tags: Page
	ActEditTags      Action = "te" // ask for tags to add or take off a file: FileID, List
	ActSort          Action = "os" // set the order of the lists: Sort

	ActAlbum          Action = "ao" // an album's card: AlbumID, List (where Back returns)
	ActAlbumGet       Action = "ag" // send an album back: AlbumID
	ActAlbumRename    Action = "ar" // ask for an album's new name: AlbumID, List
	ActAlbumMovePick  Action = "am" // pick a category to move an album to: AlbumID, List, Page
	ActAlbumMoveTo    Action = "at" // move an album: AlbumID, CategoryID (0: none), List
	ActAlbumDelete    Action = "ad" // ask to confirm an album's delete: AlbumID, List
	ActAlbumDeleteYes Action = "ay" // delete an album to the trash: AlbumID, List
	ActAlbumRestore   Action = "as" // restore an album from the trash (also Undo): AlbumID, List

	ActSendAll     Action = "sl" // ⬇ Send all: send the files of the list List back
	ActSendAllStop Action = "sx" // ✖ Stop a send-all: Number is the send's id
)

// Callback is a decoded button payload.
type Callback struct {
	Action     Action
	FileID     int64
	CategoryID int64
	List       ListRef       // a list, or the list a card returns to
	Page       domain.Cursor // a page of categories
	ShareID    int64
	Number     int64            // ActPageSize; the Telegram id of a banned user (ActBan…, ActUnban); a send-all's id (ActSendAllStop)
	Language   domain.Language  // ActLanguage
	BatchID    int64            // ActUndoBatch
	Opts       LinkOpts         // the link limits actions
	Sort       domain.SortOrder // ActSort
	AlbumID    int64            // the album actions
}

// ListRef names a page of a file list: which files, and the cursor of the page.
type ListRef struct {
	Filter domain.FileFilter
	Cursor domain.Cursor
}

type argument int

const (
	argFile argument = iota
	argCategory
	argCategoryOrNone // a category id, or 0 for none
	argList           // two fields: source and cursor
	argPage
	argShare
	argNumber
	argLanguage
	argBatch
	argLinkOpts
	argSort
	argAlbum
)

// actionTable is every action with its arguments: one row each, so one place says what a code
// means. CheckCallbackCodes refuses, at start, a table where two rows share a code.
var actionTable = []struct {
	action Action
	args   []argument
}{
	{ActMenu, nil}, {ActHelp, nil}, {ActKinds, nil}, {ActNewCategory, nil}, {ActCancel, nil},
	{ActList, []argument{argList}},
	{ActGet, []argument{argFile}},
	{ActCard, []argument{argFile, argList}},
	{ActRename, []argument{argFile, argList}},
	{ActMovePick, []argument{argFile, argList, argPage}},
	{ActMoveTo, []argument{argFile, argCategoryOrNone, argList}},
	{ActDelete, []argument{argFile, argList}}, {ActDeleteYes, []argument{argFile, argList}},
	{ActRestore, []argument{argFile, argList}}, {ActPurge, []argument{argFile, argList}}, {ActPurgeYes, []argument{argFile, argList}},
	{ActCategories, []argument{argPage}},
	{ActCategory, []argument{argCategory}}, {ActRenameCat, []argument{argCategory}},
	{ActDeleteCat, []argument{argCategory}}, {ActDeleteCatYes, []argument{argCategory}},
	{ActUpload, []argument{argPage}},
	{ActUploadInto, []argument{argCategoryOrNone}},
	{ActSearch, nil}, {ActLinks, nil}, {ActProfile, nil}, {ActSettings, nil},
	{ActShare, []argument{argFile, argList}},
	{ActShareCat, []argument{argCategory}},
	{ActSharedGet, []argument{argShare, argFile}},
	{ActSaveCopy, []argument{argShare, argFile}},
	{ActRevoke, []argument{argShare}},
	{ActPageSize, []argument{argNumber}},
	{ActLanguage, []argument{argLanguage}},
	{ActDefaultCat, []argument{argPage}},
	{ActDefaultCatSet, []argument{argCategoryOrNone}},
	{ActEmptyTrash, nil}, {ActEmptyTrashYes, nil},
	{ActLinksPage, []argument{argPage}},
	{ActRevokeOnPage, []argument{argShare, argPage}},
	{ActExport, nil},
	{ActBanCard, []argument{argNumber}}, {ActBanDelete, []argument{argNumber}},
	{ActBanDeleteYes, []argument{argNumber}}, {ActUnban, []argument{argNumber}},
	{ActSelect, []argument{argList}}, {ActSelectPage, []argument{argList}},
	{ActSelectToggle, []argument{argFile, argList}}, {ActSelectAll, []argument{argList}},
	{ActSelectDone, []argument{argList}}, {ActSelectMove, []argument{argList, argPage}},
	{ActSelectMoveAsk, []argument{argCategoryOrNone, argList}}, {ActSelectMoveYes, []argument{argCategoryOrNone, argList}},
	{ActSelectDelete, []argument{argList}}, {ActSelectDeleteYes, []argument{argList}},
	{ActSelectRestore, []argument{argList}}, {ActSelectRestoreYes, []argument{argList}},
	{ActSelectSend, []argument{argList}}, {ActSelectSendYes, []argument{argList}},
	{ActSelectTag, []argument{argList}},
	{ActUndoBatch, []argument{argBatch, argList}},
	{ActFileLinkOpts, []argument{argFile, argList, argLinkOpts}},
	{ActCatLinkOpts, []argument{argCategory, argLinkOpts}},
	{ActMakeFileLink, []argument{argFile, argList, argLinkOpts}},
	{ActMakeCatLink, []argument{argCategory, argLinkOpts}},
	{ActAlbumLinkOpts, []argument{argAlbum, argList, argLinkOpts}},
	{ActMakeAlbumLink, []argument{argAlbum, argList, argLinkOpts}},
	{ActLinkSettings, []argument{argShare, argPage}},
	{ActLinkSet, []argument{argShare, argPage, argLinkOpts}},
	{ActTags, []argument{argPage}},
	{ActEditTags, []argument{argFile, argList}},
	{ActSort, []argument{argSort}},
	{ActAlbum, []argument{argAlbum, argList}},
	{ActAlbumGet, []argument{argAlbum}},
	{ActAlbumRename, []argument{argAlbum, argList}},
	{ActAlbumMovePick, []argument{argAlbum, argList, argPage}},
	{ActAlbumMoveTo, []argument{argAlbum, argCategoryOrNone, argList}},
	{ActAlbumDelete, []argument{argAlbum, argList}}, {ActAlbumDeleteYes, []argument{argAlbum, argList}},
	{ActAlbumRestore, []argument{argAlbum, argList}},
	{ActSendAll, []argument{argList}}, {ActSendAllStop, []argument{argNumber}},
}

// Actions is every action of the codec, in the table's order.
func Actions() []Action {
	out := make([]Action, len(actionTable))
	for i, a := range actionTable {
		out[i] = a.action
	}
	return out
}

// schemas is actionTable by code.
var schemas = func() map[Action][]argument {
	m := make(map[Action][]argument, len(actionTable))
	for _, a := range actionTable {
		m[a.action] = a.args
	}
	return m
}()

var errBadCallback = errors.New("malformed callback data")

// EncodeCallback renders c as callback data. Where a list would take a payload past 64 bytes
// (only with ids far beyond any real ones), its page number is left out (the page then shows
// none), and then its narrowing to a kind (Back shows every kind).
func EncodeCallback(c Callback) string {
	data := encodeCallback(c)
	if len(data) > maxCallbackLen && c.List.Cursor.Number > 0 {
		c.List.Cursor.Number = 0
		data = encodeCallback(c)
	}
	if len(data) > maxCallbackLen && c.List.Filter.Kind != "" && c.List.Filter != (domain.FileFilter{Kind: c.List.Filter.Kind}) {
		c.List.Filter.Kind = ""
		data = encodeCallback(c)
	}
	return data
}

func encodeCallback(c Callback) string {
	parts := []string{CallbackVersion, string(c.Action)}
	for _, arg := range schemas[c.Action] {
		switch arg {
		case argFile:
			parts = append(parts, formatID(c.FileID))
		case argCategory, argCategoryOrNone:
			parts = append(parts, formatID(c.CategoryID))
		case argList:
			parts = append(parts, formatSource(c.List.Filter), formatCursor(c.List.Cursor))
		case argPage:
			parts = append(parts, formatCursor(c.Page))
		case argShare:
			parts = append(parts, formatID(c.ShareID))
		case argNumber:
			parts = append(parts, formatID(c.Number))
		case argLanguage:
			parts = append(parts, string(c.Language))
		case argBatch:
			parts = append(parts, formatID(c.BatchID))
		case argLinkOpts:
			parts = append(parts, c.Opts.code())
		case argSort:
			parts = append(parts, sortCodes[c.Sort])
		case argAlbum:
			parts = append(parts, formatID(c.AlbumID))
		}
	}
	return strings.Join(parts, "|")
}

// DecodeCallback parses callback data made by EncodeCallback; it accepts exactly the payloads
// EncodeCallback makes.
func DecodeCallback(data string) (Callback, error) {
	if len(data) > maxCallbackLen {
		return Callback{}, errBadCallback
	}
	parts := strings.Split(data, "|")
	if len(parts) < 2 || parts[0] != CallbackVersion {
		return Callback{}, errBadCallback
	}
	c := Callback{Action: Action(parts[1])}
	schema, ok := schemas[c.Action]
	if !ok {
		return Callback{}, errBadCallback
	}
	args := parts[2:]
	for _, arg := range schema {
		var err error
		switch arg {
		case argFile:
			c.FileID, args, err = takeID(args, true)
		case argCategory, argCategoryOrNone:
			c.CategoryID, args, err = takeID(args, arg == argCategory)
		case argList:
			c.List, args, err = takeList(args)
		case argPage:
			c.Page, args, err = takeCursor(args)
		case argShare:
			c.ShareID, args, err = takeID(args, true)
		case argNumber:
			c.Number, args, err = takeID(args, false)
		case argLanguage:
			c.Language, args, err = takeLanguage(args)
		case argBatch:
			c.BatchID, args, err = takeID(args, true)
		case argLinkOpts:
			c.Opts, args, err = takeLinkOpts(args)
		case argSort:
			c.Sort, args, err = takeSort(args)
		case argAlbum:
			c.AlbumID, args, err = takeID(args, true)
		}
		if err != nil {
			return Callback{}, err
		}
	}
	if len(args) != 0 {
		return Callback{}, errBadCallback
	}
	return c, nil
}

// maxPageNumber bounds the page number a button may carry: far more pages than anyone keeps.
const maxPageNumber = 1 << 24

func formatID(id int64) string { return strconv.FormatInt(id, 36) }

// CheckCallbackCodes reports a table of codes that could decode two ways: two actions with one
// code, a code with the separator in it, two list sources with one code or one the prefix of
// another, a kind with no source.
func CheckCallbackCodes() error {
	actions := map[Action]bool{}
	for _, a := range actionTable {
		if a.action == "" || strings.Contains(string(a.action), "|") || actions[a.action] {
			return fmt.Errorf("callback codec: action code %q is empty, has a |, or is used twice", a.action)
		}
		actions[a.action] = true
	}
	kinds := map[domain.Kind]bool{}
	for i, s := range listSources {
		if s.code == "" || strings.ContainsAny(s.code, "|0123456789") {
			return fmt.Errorf("callback codec: list source code %q is empty or has a digit or a |", s.code)
		}
		for _, o := range listSources[i+1:] {
			if strings.HasPrefix(s.code, o.code) || strings.HasPrefix(o.code, s.code) {
				return fmt.Errorf("callback codec: list source codes %q and %q are ambiguous", s.code, o.code)
			}
		}
		if s.id == nil {
			kinds[s.filter.Kind] = true
		}
	}
	for _, k := range domain.Kinds {
		if !kinds[k] {
			return fmt.Errorf("callback codec: kind %q has no list source", k)
		}
	}
	return nil
}

func takeID(args []string, positive bool) (int64, []string, error) {
	if len(args) == 0 {
		return 0, nil, errBadCallback
	}
	id, err := parseID(args[0])
	if err != nil || (positive && id == 0) {
		return 0, nil, errBadCallback
	}
	return id, args[1:], nil
}

// parseID accepts only the canonical base-36 form, so every payload has one encoding.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 36, 64)
	if err != nil || id < 0 || strconv.FormatInt(id, 36) != s {
		return 0, errBadCallback
	}
	return id, nil
}

func takeLanguage(args []string) (domain.Language, []string, error) {
	if len(args) == 0 || !domain.Language(args[0]).Valid() {
		return "", nil, errBadCallback
	}
	return domain.Language(args[0]), args[1:], nil
}
