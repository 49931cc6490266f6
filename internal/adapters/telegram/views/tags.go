package views

import (
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// TagsView lists a page of the user's tags with how many files carry each; a tag opens its files.
func (t *Texts) TagsView(page domain.Page[domain.TagSummary]) View {
	if len(page.Items) == 0 {
		return t.Hint(t.TagsEmpty)
	}
	rows := make([]row, 0, len(page.Items)+2)
	for _, tag := range page.Items {
		rows = append(rows, row{button(fitLabel("🏷 #", tag.Name, fmt.Sprintf(" (%d)", tag.Files)),
			Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{TagID: tag.ID}}})})
	}
	var nav row
	if page.Prev != nil {
		nav = append(nav, button(t.BtnPrev, Callback{Action: ActTags, Page: *page.Prev}))
	}
	if page.Next != nil {
		nav = append(nav, button(t.BtnNext, Callback{Action: ActTags, Page: *page.Next}))
	}
	if nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, row{button(t.BtnFiles, Callback{Action: ActKinds}), button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: t.Tags(len(page.Items)), Keyboard: keyboard(rows...)}
}

// TagsPrompt asks for the tags to put on a file or take off it, showing those it carries.
func (t *Texts) TagsPrompt(f domain.File, tags []domain.Tag) View {
	return t.Prompt(t.TagsAsk(f.Name, hashtags(tags)))
}

// TagsSavedText says what tags a file carries after an edit.
func (t *Texts) TagsSavedText(f domain.File, tags []domain.Tag) string {
	if len(tags) == 0 {
		return t.TagsCleared
	}
	return t.TagsSaved(f.Name, hashtags(tags))
}
