package telegram_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var startToken = regexp.MustCompile(`\?start=([A-Za-z0-9_-]+)`)

// sharedAlbumGroup waits for the media group the bot sends to who after mark.
func sharedAlbumGroup(t *testing.T, api *tgtest.Server, who models.User, mark int) tgtest.Call {
	t.Helper()
	return api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && c.Method == "sendMediaGroup" && c.Params["chat_id"] == strconv.FormatInt(who.ID, 10)
	})
}

func TestAnAlbumIsSharedAsAUnitAndOpensAsOneMediaGroup(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u, _ := linksBotAt(t, api, app.Limits{MaxFileSize: 1000}, 8)
	sendTrip(t, api)
	confirmed := api.WaitForCalls(t, wait, 2, func(c tgtest.Call) bool { return c.Method == "editMessageText" })[1]

	card := press(t, api, ann, confirmed, "📚 Open album")
	options := press(t, api, ann, card, "🔗 Share")
	assert.Equal(t, "🔗 A link to “📚 Trip to the sea”. Choose its limits, then make it:\n⏳ Expires: never\n👥 People: anyone (0 so far)\n"+
		"🔓 Content not protected.", options.Params["text"])
	options = press(t, api, ann, options, "🔓 Protect content: off")
	made := press(t, api, ann, options, "🔗 Make the link")
	assert.Contains(t, made.Params["text"], "Anyone with this link gets “📚 Trip to the sea”")
	m := startToken.FindStringSubmatch(made.Params["text"])
	require.Len(t, m, 2, "the link: %s", made.Params["text"])
	token := m[1]

	mark := api.LastSeq()
	said := opens(t, api, ben, token)
	assert.Equal(t, "📥 The album “Trip to the sea” was shared with you: 3 files.", said.Params["text"])
	group := sharedAlbumGroup(t, api, ben, mark)
	assert.Equal(t, "true", group.Params["protect_content"])
	var media []struct{ Type, Caption string }
	require.NoError(t, json.Unmarshal([]byte(group.Params["media"]), &media))
	require.Len(t, media, 3, "one media group with every file")
	assert.Equal(t, []string{"photo", "photo", "video"}, []string{media[0].Type, media[1].Type, media[2].Type})
	assert.Len(t, api.CallsTo("sendMediaGroup"), 1)
	all := api.Messages(ben.ID)
	back := all[len(all)-3:]
	assert.NotEmpty(t, back[0].MediaGroupID)
	assert.Equal(t, back[0].MediaGroupID, back[2].MediaGroupID, "Ben gets one album")
	for _, m := range back {
		assert.True(t, m.HasProtectedContent, "Ben can neither forward nor save it")
	}

	mark = api.LastSeq()
	api.SendText(ann, "/links")
	links := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Contains(t, links.Params["text"], "• 📚 Trip to the sea — used once\n  https://t.me/")

	ru := models.User{ID: 87, FirstName: "Вера", LanguageCode: "ru"}
	mark = api.LastSeq()
	said = opens(t, api, ru, token)
	assert.Equal(t, "📥 С вами поделились альбомом «Trip to the sea»: 3 файла.", said.Params["text"])
	sharedAlbumGroup(t, api, ru, mark)

	list, err := a.Queries.Links.List(context.Background(), u.ID, domain.Cursor{}, 8)
	require.NoError(t, err)
	require.Len(t, list.Page.Items, 1)
	albumID := list.Page.Items[0].AlbumID
	_, err = a.Commands.Albums.Trash(context.Background(), u.ID, albumID)
	require.NoError(t, err)
	empty := opens(t, api, ben, token)
	assert.Equal(t, "🗑 The files of this album were all deleted: there is nothing to receive.", empty.Params["text"])
	empty = opens(t, api, ru, token)
	assert.Equal(t, "🗑 Все файлы этого альбома удалены — получать нечего.", empty.Params["text"])

	_, err = a.Commands.Albums.Restore(context.Background(), u.ID, albumID)
	require.NoError(t, err)
	revoked := press(t, api, ann, links, "✖ Revoke · 📚 Trip to the sea")
	assert.NotContains(t, revoked.Params["text"], "Trip to the sea")
	gone := opens(t, api, ben, token)
	assert.NotContains(t, gone.Params["text"], "shared with you")
	assert.Len(t, api.CallsTo("sendMediaGroup"), 2, "a revoked link sends nothing")
}
