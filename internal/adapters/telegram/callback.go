package telegram

import (
	"errors"
	"strconv"
	"strings"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Callback data is a tiny versioned codec: "<version>|<action>|<arg>...", at most 64 bytes as
// Telegram requires. Each action has a fixed list of typed arguments; ids are base 36. A button
// that does not decode (an old version, a forged payload) is answered politely, never trusted:
// every id it carries is checked by the use cases.
const (
	callbackVersion = "1"
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
	ActLinksPage     Action = "lp" // a page of the user's links: Page
	ActRevokeOnPage  Action = "ra" // revoke a link, then show the page of links: ShareID, Page
)

// Callback is a decoded button payload.
type Callback struct {
	Action     Action
	FileID     int64
	CategoryID int64
	List       ListRef       // a list, or the list a card returns to
	Page       domain.Cursor // a page of categories
	ShareID    int64
	Number     int64           // ActPageSize
	Language   domain.Language // ActLanguage
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
	argList // two fields: source and cursor
	argPage
	argShare
	argNumber
	argLanguage
)

var schemas = map[Action][]argument{
	ActMenu: nil, ActHelp: nil, ActKinds: nil, ActNewCategory: nil, ActCancel: nil,
	ActList:     {argList},
	ActGet:      {argFile},
	ActCard:     {argFile, argList},
	ActRename:   {argFile, argList},
	ActMovePick: {argFile, argList, argPage},
	ActMoveTo:   {argFile, argCategory, argList},
	ActDelete:   {argFile, argList}, ActDeleteYes: {argFile, argList},
	ActRestore: {argFile, argList}, ActPurge: {argFile, argList}, ActPurgeYes: {argFile, argList},
	ActCategories: {argPage},
	ActCategory:   {argCategory}, ActRenameCat: {argCategory}, ActDeleteCat: {argCategory}, ActDeleteCatYes: {argCategory},
	ActUpload:     {argPage},
	ActUploadInto: {argCategory},
	ActSearch:     nil, ActLinks: nil, ActProfile: nil, ActSettings: nil,
	ActShare:         {argFile, argList},
	ActShareCat:      {argCategory},
	ActSharedGet:     {argShare, argFile},
	ActSaveCopy:      {argShare, argFile},
	ActRevoke:        {argShare},
	ActPageSize:      {argNumber},
	ActLanguage:      {argLanguage},
	ActDefaultCat:    {argPage},
	ActDefaultCatSet: {argCategory},
	ActLinksPage:     {argPage},
	ActRevokeOnPage:  {argShare, argPage},
}

var errBadCallback = errors.New("malformed callback data")

// EncodeCallback renders c as callback data.
func EncodeCallback(c Callback) string {
	parts := []string{callbackVersion, string(c.Action)}
	for _, arg := range schemas[c.Action] {
		switch arg {
		case argFile:
			parts = append(parts, formatID(c.FileID))
		case argCategory:
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
	if len(parts) < 2 || parts[0] != callbackVersion {
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
		case argCategory:
			c.CategoryID, args, err = takeID(args, c.Action != ActMoveTo && c.Action != ActUploadInto && c.Action != ActDefaultCatSet)
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

func formatID(id int64) string { return strconv.FormatInt(id, 36) }

func formatCursor(c domain.Cursor) string {
	if c.Backward {
		return "p" + formatID(c.ID)
	}
	return "n" + formatID(c.ID)
}

var kindCodes = map[domain.Kind]string{
	"": "a", domain.KindDocument: "d", domain.KindPhoto: "p", domain.KindVideo: "v",
	domain.KindAudio: "s", domain.KindVoice: "o", domain.KindAnimation: "g", domain.KindVideoNote: "n",
}

var kindsByCode = func() map[string]domain.Kind {
	m := make(map[string]domain.Kind, len(kindCodes))
	for k, c := range kindCodes {
		m[c] = k
	}
	return m
}()

// formatSource encodes a filter: a kind code ("a" for all), "u" uncategorised, "t" the trash,
// "c<id>" a category, "s<id>" a saved search. Filters combine nothing else, so one of these always describes them.
func formatSource(f domain.FileFilter) string {
	switch {
	case f.Trashed:
		return "t"
	case f.Uncategorised:
		return "u"
	case f.CategoryID > 0:
		return "c" + formatID(f.CategoryID)
	case f.SearchID > 0:
		return "s" + formatID(f.SearchID)
	}
	return kindCodes[f.Kind]
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

func takeCursor(args []string) (domain.Cursor, []string, error) {
	if len(args) == 0 || len(args[0]) < 2 || (args[0][0] != 'n' && args[0][0] != 'p') {
		return domain.Cursor{}, nil, errBadCallback
	}
	id, err := parseID(args[0][1:])
	if err != nil {
		return domain.Cursor{}, nil, errBadCallback
	}
	return domain.Cursor{ID: id, Backward: args[0][0] == 'p'}, args[1:], nil
}

func takeList(args []string) (ListRef, []string, error) {
	if len(args) == 0 {
		return ListRef{}, nil, errBadCallback
	}
	var f domain.FileFilter
	src := args[0]
	switch {
	case src == "t":
		f.Trashed = true
	case src == "u":
		f.Uncategorised = true
	case strings.HasPrefix(src, "c") || strings.HasPrefix(src, "s"):
		id, err := parseID(src[1:])
		if err != nil || id == 0 {
			return ListRef{}, nil, errBadCallback
		}
		if src[0] == 'c' {
			f.CategoryID = id
		} else {
			f.SearchID = id
		}
	default:
		kind, ok := kindsByCode[src]
		if !ok {
			return ListRef{}, nil, errBadCallback
		}
		f.Kind = kind
	}
	cursor, rest, err := takeCursor(args[1:])
	if err != nil {
		return ListRef{}, nil, err
	}
	return ListRef{Filter: f, Cursor: cursor}, rest, nil
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
