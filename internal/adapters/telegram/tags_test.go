package telegram_test

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

func (c *user) sendDocumentWithCaption(name, caption string, size int64) tgtest.Call {
	f, u := c.api.NewFileIDs()
	return c.next(func() {
		c.api.SendDocument(c.u, models.Document{FileID: f, FileUniqueID: u, FileName: name, MimeType: "application/pdf", FileSize: size}, caption)
	})
}

func TestHashtagsOfACaptionAreTheFilesTagsOnItsCard(t *testing.T) {
	c := newUser(t, ann)
	saved := c.sendDocumentWithCaption("plan.pdf", "Trip #Holiday plans #2024, again #holiday", 10)
	assert.Equal(t, "✅ Saved document “plan.pdf” (10 B).\nTags: #2024 #holiday", saved.Params["text"])
	c.say("/files")
	c.press("🗂 All (1)")
	card := c.press("📄 plan.pdf · 10 B")
	assert.Contains(t, card.Params["text"], "Category: none\nSaved: 23 Nov 2026, 14:05 UTC\nTags: #2024 #holiday\nCaption: Trip #Holiday plans #2024, again #holiday")
	assert.Contains(t, card.Params["reply_markup"], "🏷 Tags")
}

func TestTagsAreAddedAndTakenOffFromTheCard(t *testing.T) {
	c := newUser(t, ann)
	c.sendDocumentWithCaption("plan.pdf", "#draft", 10)
	c.say("/files")
	c.press("🗂 All (1)")
	c.press("📄 plan.pdf · 10 B")
	ask := c.press("🏷 Tags")
	assert.Contains(t, ask.Params["text"], "Send tags for “plan.pdf”")
	assert.Contains(t, ask.Params["text"], "Now: #draft.")
	refused := c.say("#trip not-a-tag")
	assert.Contains(t, refused.Params["text"], "A tag is one word of letters, digits or _", "a bad word keeps the flow waiting")
	saved := c.say("#trip, work -draft")
	assert.Equal(t, "🏷 “plan.pdf” is tagged #trip #work.", saved.Params["text"])
	card := c.api.WaitForCall(t, wait, func(call tgtest.Call) bool {
		return call.Seq > saved.Seq && call.Method == "sendMessage"
	})
	assert.Contains(t, card.Params["text"], "Tags: #trip #work")
	c.press("🏷 Tags")
	assert.Equal(t, "🏷 The file has no tags now.", c.say("-trip -work").Params["text"])
}

func TestTheTagsListCountsAndOpensATagsFiles(t *testing.T) {
	c := newUser(t, ann)
	c.sendDocumentWithCaption("a.pdf", "#work #q1", 10)
	c.sendDocumentWithCaption("b.pdf", "#work", 20)
	c.sendDocument("c.pdf", 30)
	tags := c.say("/tags")
	assert.Contains(t, tags.Params["text"], "🏷 Your tags — 2 on this page")
	assert.Contains(t, tags.Params["reply_markup"], `"🏷 #q1 (1)"`)
	list := c.press("🏷 #work (2)")
	assert.Contains(t, list.Params["text"], "🏷 #work — 2 on this page.")
	assert.Contains(t, list.Params["reply_markup"], "📄 b.pdf · 20 B")
	assert.NotContains(t, list.Params["reply_markup"], "c.pdf")
	found := c.say("/search #work")
	assert.Contains(t, found.Params["reply_markup"], "📄 a.pdf · 10 B", "/search #tag finds the tag's files")
	assert.NotContains(t, found.Params["reply_markup"], "c.pdf")
	none := c.say("/files")
	assert.Contains(t, none.Params["reply_markup"], "🏷 Tags")
	assert.Contains(t, none.Params["reply_markup"], "📁 By category", "categories and tags are told apart")
}

func TestSortingChangesEveryList(t *testing.T) {
	c := newUser(t, ann)
	c.sendDocumentWithCaption("b.pdf", "#x", 300)
	c.sendDocumentWithCaption("C.pdf", "#x", 100)
	c.sendDocumentWithCaption("a.pdf", "#x", 200)
	// order is the files as the list shows them, by their first letter.
	order := func(list tgtest.Call) string {
		var seen string
		for _, part := range strings.Split(list.Params["reply_markup"], ".pdf")[:3] {
			seen += part[len(part)-1:]
		}
		return seen
	}
	c.say("/files")
	assert.Equal(t, "aCb", order(c.press("🗂 All (3)")), "the newest first")

	settings := c.say("/settings")
	assert.Contains(t, settings.Params["text"], "Lists show: 🆕 Newest first")
	byName := c.press("🔤 By name")
	assert.Contains(t, byName.Params["text"], "Lists show: 🔤 By name")
	c.say("/files")
	assert.Equal(t, "abC", order(c.press("🗂 All (3)")), "by name, ignoring case")

	c.say("/settings")
	c.press("📦 Largest first")
	c.say("/tags")
	assert.Equal(t, "baC", order(c.press("🏷 #x (3)")), "a tag's files, the largest first")
	docs := c.press("📄")
	assert.Contains(t, docs.Params["text"], "🏷 #x — 3 on this page.", "the row of kinds narrows the tag to its documents")
	assert.Contains(t, docs.Params["reply_markup"], `"• 📄"`)
	assert.Equal(t, "baC", order(docs), "in the same order")
}
