package faulttest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

func TestUsersWhoBlockedTheBotAreMarkedAndNeverRetriedWhileEveryoneElseIsServed(t *testing.T) {
	t.Parallel()
	rng := seed(t)
	r := newRig(t, botapi.Options{})
	people := users(70_000, 50)
	blocked := map[int64]bool{}
	for _, i := range rng.Perm(len(people))[:len(people)/10] {
		blocked[people[i].ID] = true
		r.api.Block(people[i].ID)
	}
	r.start()
	var sent []upload
	perUser := map[int64]int{}
	for range 6 {
		for _, i := range rng.Perm(len(people)) {
			u := r.sendNew(people[i])
			sent = append(sent, u)
			perUser[u.user]++
		}
	}
	r.waitFor(60*time.Second, "every update handled and confirmed", func() bool {
		return r.api.Pending() == 0 && r.processedCount() == len(sent)
	})
	// No retry of a refused reply can still come: it would come within the handling of its
	// update, and an update is confirmed (Pending drops) only once its handling is over.
	r.checkFiles(sent)

	calls := r.api.Calls()
	answered := replies(calls)
	for _, u := range sent {
		want := 1
		if blocked[u.user] {
			want = 0
		}
		assert.Equal(t, want, answered[u.key()], "upload %d of user %d (blocked: %v)", u.update.ID, u.user, blocked[u.user])
	}
	refused := map[int64]int{}
	for _, c := range calls {
		chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		if blocked[chat] {
			require.NotNil(t, c.Err, "a call into a blocked chat cannot succeed")
			assert.Equal(t, 403, c.Err.Code)
			refused[chat]++
		}
	}
	for id := range blocked {
		assert.LessOrEqual(t, refused[id], perUser[id], "user %d: each reply tried once at most, never retried", id)
	}
	assert.Equal(t, blocked, r.blockedUsers(), "exactly the users who blocked the bot are marked")

	// One of them unblocks the bot and writes again: served, and no longer marked.
	var back int64
	for id := range blocked {
		back = id
		break
	}
	r.api.Unblock(back)
	mark := r.api.LastSeq()
	r.api.SendText(people[back-people[0].ID], "/start")
	r.waitFor(20*time.Second, "the user who came back greeted", func() bool {
		for _, c := range r.api.Calls() {
			if c.Seq > mark && c.Err == nil && c.Method == "sendMessage" && c.Params["chat_id"] == strconv.FormatInt(back, 10) &&
				strings.Contains(c.Params["text"], "Hi,") {
				return true
			}
		}
		return false
	})
	delete(blocked, back)
	assert.Equal(t, blocked, r.blockedUsers(), "a user who writes again is no longer marked")
	_, err := r.current().Stop(10 * time.Second)
	assert.NoError(t, err)
}

// blockedUsers are the Telegram ids of the users marked as having blocked the bot.
func (r *rig) blockedUsers() map[int64]bool {
	out := map[int64]bool{}
	r.query(func(ctx context.Context, conn *pgx.Conn) error {
		rows, err := conn.Query(ctx, "SELECT telegram_id FROM users WHERE blocked_bot")
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		for _, id := range ids {
			out[id] = true
		}
		return err
	})
	return out
}
