package views

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// The largest data a view can get: names and captions as long as the bot keeps them, ids as
// large as they go, pages as full as the settings allow.
var (
	bigID       = int64(math.MaxInt64)
	longName    = strings.Repeat("Ж", domain.MaxFileNameLen-4) + ".pdf"
	longCat     = strings.Repeat("Щ", domain.MaxCategoryNameLen)
	longCaption = strings.Repeat("c", domain.MaxCaptionLen) // the longest caption kept, in bytes and in characters
	longQuery   = strings.Repeat("q", domain.MaxQueryLen)
	maxCursor   = domain.Cursor{ID: bigID, Backward: true}
)

func bigFile(i int, k domain.Kind) domain.File {
	deleted := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	return domain.File{ID: bigID - int64(i), Name: longName, Kind: k, Carrier: k, Size: math.MaxInt64, Caption: longCaption,
		CreatedAt: deleted, DeletedAt: &deleted, TelegramFileID: strings.Repeat("F", 100),
		Origin: domain.Origin{Kind: domain.OriginHiddenUser, Name: strings.Repeat("О", domain.MaxOriginNameLen), Date: deleted}}
}

// bigLimits are the limits of a link with the most to say: an expiry, a full limit of people,
// protection.
func bigLimits() (domain.ShareLimits, int) {
	at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	return domain.ShareLimits{ExpiresAt: &at, MaxViewers: domain.MaxShareViewers, Protect: true}, domain.MaxShareViewers
}

func bigFiles(n int) []domain.File {
	files := make([]domain.File, n)
	for i := range files {
		files[i] = bigFile(i, domain.Kinds[i%len(domain.Kinds)])
	}
	return files
}

func bigCategories(n int) app.CategoryList {
	cats := app.CategoryList{Total: 50, Uncategorised: math.MaxInt32, Page: domain.Page[domain.CategorySummary]{Prev: &maxCursor, Next: &maxCursor}}
	for i := range n {
		cats.Page.Items = append(cats.Page.Items, domain.CategorySummary{Category: domain.Category{ID: bigID - int64(i), Name: longCat}, Files: math.MaxInt32})
	}
	return cats
}

// everyView renders every view of texts with the largest data it can get.
func everyView(t *Texts) map[string]View {
	user := domain.User{ID: bigID, TelegramID: bigID, FirstName: strings.Repeat("Я", 64), LastName: strings.Repeat("Ё", 64),
		Username: strings.Repeat("u", 32), PageSize: domain.MaxPageSize}
	page := domain.Page[domain.File]{Items: bigFiles(domain.MaxPageSize), Prev: &maxCursor, Next: &maxCursor, Total: math.MaxInt32, Number: math.MaxInt32, Pages: math.MaxInt32}
	cat := domain.Category{ID: bigID, Name: longCat}
	counts := app.KindCounts{Total: math.MaxInt32, Trashed: math.MaxInt32, ByKind: map[domain.Kind]int{}}
	for _, k := range domain.Kinds {
		counts.ByKind[k] = math.MaxInt32
	}
	views := map[string]View{
		"main menu": t.MainMenu(user), "help": t.HelpView(), "kinds": t.KindsMenu(counts),
		"saved":    t.SavedView(app.SaveFileResult{File: bigFile(0, domain.KindDocument), Category: &cat}),
		"settings": t.SettingsView(user, longCat), "default category": t.DefaultCategoryPicker(bigCategories(domain.MaxPageSize)),
		"categories": t.CategoriesView(bigCategories(domain.MaxPageSize), 50), "category": t.CategoryMenuView(cat, math.MaxInt32),
		"category delete": t.CategoryDeleteConfirm(cat, math.MaxInt32), "upload picker": t.UploadPicker(bigCategories(domain.MaxPageSize)),
		"upload prompt": t.Prompt(t.UploadInto(longCat)), "rename prompt": t.Prompt(t.RenameAsk),
		"empty trash": t.EmptyTrashConfirm(math.MaxInt32), "trash emptied": t.TrashEmptiedView(math.MaxInt32),
		"profile":           t.ProfileView(app.ProfileView{User: user, Usage: bigUsage(), Categories: 50, ActiveShares: math.MaxInt32}),
		"shared category":   t.SharedCategoryView(app.Opened{Share: domain.Share{ID: bigID}, Category: &cat, Files: bigFiles(app.MaxSharedFiles)}),
		"share created":     t.ShareCreated(longName, "https://t.me/"+strings.Repeat("b", 32)+"?start="+strings.Repeat("t", 64), bigLink(0).Share, Callback{Action: ActCard, FileID: bigID, List: ListRef{Filter: domain.FileFilter{CategoryID: bigID}, Cursor: maxCursor}}),
		"links":             t.LinksView(app.LinkList{Page: domain.Page[domain.ShareSummary]{Items: bigLinks(domain.MaxPageSize), Prev: &maxCursor, Next: &maxCursor}, Total: math.MaxInt32}, maxCursor, func(token string) string { return "https://t.me/" + strings.Repeat("b", 32) + "?start=" + token }),
		"new link":          t.NewLinkView(longName, LinkTarget{FileID: bigID, List: ListRef{Filter: domain.FileFilter{CategoryID: bigID}, Cursor: maxCursor}}, LinkOpts{ExpiryWeek, People10, ProtectOn}),
		"new category link": t.NewLinkView(longCat, LinkTarget{CategoryID: bigID}, LinkOpts{ExpiryDay, People1, ProtectOff}),
		"new album link":    t.NewLinkView(longName, LinkTarget{AlbumID: bigID, List: ListRef{Filter: domain.FileFilter{CategoryID: bigID}, Cursor: maxCursor}}, LinkOpts{ExpiryWeek, People10, ProtectOn}),
		"album card": t.AlbumView(app.AlbumDetails{Album: domain.Album{ID: bigID, Name: longName}, Files: bigFiles(domain.MaxMediaGroup),
			Live: domain.AlbumSummary{ID: bigID, Name: longName, Files: domain.MaxMediaGroup}}, ListRef{Filter: domain.FileFilter{CategoryID: bigID}, Cursor: maxCursor}),
		"shared album empty": t.Hint(t.SharedAlbumEmpty),
		"link settings":      t.LinkSettingsView(bigLink(0), "https://t.me/"+strings.Repeat("b", 32)+"?start="+strings.Repeat("t", 64), time.Time{}, maxCursor),
		"stats":              t.StatsView(app.StatsView{Users: app.UserCounts{Total: math.MaxInt32}, Usage: bigUsage()}, TrafficView{UpdatesPerSecond: 1e9, FloodWaits: math.MaxInt32}),
		"cancelled":          t.Hint(t.CancelledFlow(t.FlowName(domain.StepRenameFile, longName))),
		"name rule":          t.Prompt(t.NameRule(&domain.NameError{Reason: domain.NameTooLong, Max: domain.MaxFileNameLen})),
	}
	tags, summaries := bigTags()
	views["tags"] = t.TagsView(domain.Page[domain.TagSummary]{Items: summaries, Prev: &maxCursor, Next: &maxCursor})
	views["tags prompt"] = t.TagsPrompt(bigFile(0, domain.KindDocument), tags)
	views["tags saved"] = t.Hint(t.TagsSavedText(bigFile(0, domain.KindDocument), tags))
	views["saved with tags"] = t.SavedView(app.SaveFileResult{File: bigFile(0, domain.KindDocument), Category: &cat, Tags: tagNames(tags)})
	views["a page of no known number"] = t.FileList(ListRef{}, domain.Page[domain.File]{Items: bigFiles(domain.MaxPageSize), Total: math.MaxInt32, Next: &maxCursor}, "", 0)
	for _, f := range []domain.FileFilter{{}, {Trashed: true}, {Uncategorised: true}, {CategoryID: bigID}, {SearchID: bigID}, {Kind: domain.KindVideoNote},
		{TagID: bigID}, {TagID: bigID, Kind: domain.KindVideoNote}, {CategoryID: bigID, Kind: domain.KindAnimation}, {SearchID: bigID, Kind: domain.KindVoice}} {
		ref := ListRef{Filter: f, Cursor: maxCursor}
		views[fmt.Sprintf("list %+v", f)] = t.FileList(ref, page, longQuery, 720*time.Hour)
		views[fmt.Sprintf("empty list %+v", f)] = t.FileList(ref, domain.Page[domain.File]{}, "q", 720*time.Hour)
		for i, file := range bigFiles(len(domain.Kinds)) {
			live := file
			live.DeletedAt = nil
			views[fmt.Sprintf("card %d %+v", i, f)] = t.FileCard(app.FileDetails{File: live, Category: &cat, Tags: tags}, ref)
			views[fmt.Sprintf("trashed card %d %+v", i, f)] = t.FileCard(app.FileDetails{File: file, Category: &cat}, ref)
			views[fmt.Sprintf("confirm %d %+v", i, f)] = t.Confirm(t.PurgeAsk, t.BtnYesPurge, file, ActPurgeYes, ref)
			views[fmt.Sprintf("trashed %d %+v", i, f)] = t.TrashedView(file, ref)
			views[fmt.Sprintf("move %d %+v", i, f)] = t.MovePicker(file, bigCategories(domain.MaxPageSize), ref)
		}
	}
	return views
}

// bigTags are as many tags as a file carries, each as long as a tag goes.
func bigTags() ([]domain.Tag, []domain.TagSummary) {
	var tags []domain.Tag
	var summaries []domain.TagSummary
	for i := range domain.MaxTagsPerFile {
		tag := domain.Tag{ID: bigID - int64(i), Name: strings.Repeat("ж", domain.MaxTagRunes-2) + fmt.Sprintf("%02d", i)}
		tags = append(tags, tag)
		summaries = append(summaries, domain.TagSummary{Tag: tag, Files: math.MaxInt32})
	}
	return tags, summaries
}

func tagNames(tags []domain.Tag) []string {
	var names []string
	for _, t := range tags {
		names = append(names, t.Name)
	}
	return names
}

func bigUsage() domain.Usage {
	u := domain.Usage{Files: math.MaxInt32, Bytes: math.MaxInt64, ByKind: map[domain.Kind]domain.KindUsage{}}
	for _, k := range domain.Kinds {
		u.ByKind[k] = domain.KindUsage{Files: math.MaxInt32, Bytes: math.MaxInt64}
	}
	return u
}

func bigLinks(n int) []domain.ShareSummary {
	var links []domain.ShareSummary
	for i := range n {
		links = append(links, bigLink(i))
	}
	return links
}

func bigLink(i int) domain.ShareSummary {
	limits, viewers := bigLimits()
	return domain.ShareSummary{Share: domain.Share{ID: bigID - int64(i), Token: strings.Repeat("t", 64), CategoryID: int64(i % 2), Uses: math.MaxInt32,
		Limits: limits, Viewers: viewers}, Name: longName}
}

// TestEveryViewFitsTelegramsLimits renders every view with the largest data it can get, in every
// language, and checks what Telegram would refuse: a text over 4,096 characters, a keyboard of
// more than 100 buttons, callback data over 64 bytes (or that does not decode), an empty label;
// and that labels fit a phone.
func TestEveryViewFitsTelegramsLimits(t *testing.T) {
	for lang, texts := range languages {
		for name, v := range everyView(texts) {
			t.Run(lang+" "+name, func(t *testing.T) {
				n := utf8.RuneCountInString(v.Text)
				assert.Positive(t, n, "the text is empty")
				assert.LessOrEqual(t, n, maxTextRunes, "the text is too long for Telegram")
				if v.Keyboard == nil {
					return
				}
				buttons := 0
				for _, r := range v.Keyboard.InlineKeyboard {
					assert.LessOrEqual(t, len(r), 8, "a row of more than 8 buttons")
					for _, b := range r {
						buttons++
						assert.NotEmpty(t, strings.TrimSpace(b.Text), "a button without a label")
						assert.LessOrEqual(t, utf8.RuneCountInString(b.Text), maxLabelRunes, "the label %q does not fit a phone", b.Text)
						assert.LessOrEqual(t, len(b.CallbackData), maxCallbackLen, "%q carries %d bytes", b.Text, len(b.CallbackData))
						_, err := DecodeCallback(b.CallbackData)
						assert.NoError(t, err, "%q carries undecodable %q", b.Text, b.CallbackData)
					}
				}
				assert.LessOrEqual(t, buttons, 100, "too many buttons for Telegram")
			})
		}
	}
}

// TestEveryFileGoesBackWithinTelegramsLimits: a file sent back (⬇ Get, a shared file) and an
// inline result carry at most 1,024 characters of caption, the user's caption when there is one.
func TestEveryFileGoesBackWithinTelegramsLimits(t *testing.T) {
	for i, f := range bigFiles(len(domain.Kinds)) {
		caption := FileCaption(f)
		assert.LessOrEqual(t, utf8.RuneCountInString(caption), MaxCaptionRunes, "file %d", i)
		assert.True(t, strings.HasPrefix(caption, longCaption[:100]), "the user's caption is sent")

		raw, err := json.Marshal(InlineResult(f))
		require.NoError(t, err)
		var result struct {
			Caption     string `json:"caption"`
			Title       string `json:"title"`
			Description string `json:"description"`
		}
		require.NoError(t, json.Unmarshal(raw, &result))
		assert.LessOrEqual(t, utf8.RuneCountInString(result.Caption), MaxCaptionRunes, "inline %s", f.Kind)
		assert.LessOrEqual(t, utf8.RuneCountInString(result.Title), domain.MaxFileNameLen, "inline %s", f.Kind)
		assert.LessOrEqual(t, utf8.RuneCountInString(result.Description), MaxCaptionRunes, "inline %s", f.Kind)
	}
	assert.Equal(t, "notes.txt", FileCaption(domain.File{Name: "notes.txt"}), "a file without a caption goes back under its name")
}
