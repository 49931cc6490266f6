package main

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// TestAnUpdateTheDatabaseRefusesIsParkedThenReplayedAfterTheFix: PostgreSQL refuses Pat's
// update every time (a constraint of the database's, here a trigger); the bot parks it, tells
// Pat, and goes on with the others; /stats counts it. Once the cause is gone, `filekeeper
// updates replay` handles it: Pat gets the answer, and nothing is left parked but a payload
// that cannot be an update.
func TestAnUpdateTheDatabaseRefusesIsParkedThenReplayedAfterTheFix(t *testing.T) {
	t.Setenv("ADMIN_IDS", fmt.Sprint(alice.ID))
	h := newHarness(t)
	pat := models.User{ID: 3003, FirstName: "Pat", LanguageCode: "en"}
	conn, err := pgx.Connect(t.Context(), h.dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(t.Context()) })
	_, err = conn.Exec(t.Context(), `
		CREATE FUNCTION refuse_pat() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.telegram_id = 3003 THEN
				RAISE EXCEPTION 'pat is refused' USING ERRCODE = 'check_violation';
			END IF;
			RETURN NEW;
		END $$;
		CREATE TRIGGER refuse_pat BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION refuse_pat();`)
	require.NoError(t, err)

	poison := h.say(pat, "/help")
	h.waitMessage(pat.ID, "I couldn't handle this. I've kept it")
	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob") // after the poison update: the bot went on
	require.Eventually(t, func() bool { return h.api.ConfirmedOffset() > poison.ID }, wait, 10*time.Millisecond)
	assert.Contains(t, h.statsOf(alice), "kept for a replay: 1")
	var attempts int
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT attempts FROM parked_updates WHERE bot_id = $1 AND update_id = $2", tgtest.BotID, poison.ID).Scan(&attempts))
	assert.Equal(t, 1, attempts, "a permanent failure is not tried again")

	// The fix; and a parked payload that is no update at all.
	_, err = conn.Exec(t.Context(), "DROP TRIGGER refuse_pat ON users")
	require.NoError(t, err)
	_, err = conn.Exec(t.Context(), "INSERT INTO parked_updates (bot_id, update_id, payload, error, attempts) VALUES ($1, $2, 'not json', 'x', 1)", tgtest.BotID, poison.ID+1000)
	require.NoError(t, err)
	h.mark = h.api.LastSeq()
	var out bytes.Buffer
	code := replay(h.config(), zaptest.NewLogger(t), &out)
	assert.Equal(t, exitFailed, code, "one update failed again")
	assert.Contains(t, out.String(), "parked updates replayed: 1 handled, 1 failed again (still parked)")
	h.waitMessage(pat.ID, "File Keeper keeps your files")

	var left []int64
	rows, err := conn.Query(t.Context(), "SELECT update_id FROM parked_updates ORDER BY update_id")
	require.NoError(t, err)
	left, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	require.NoError(t, err)
	assert.Equal(t, []int64{poison.ID + 1000}, left, "the replayed update is unparked; the other stays")
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT attempts FROM parked_updates WHERE update_id = $1", poison.ID+1000).Scan(&attempts))
	assert.Equal(t, 2, attempts)

	out.Reset()
	assert.Equal(t, exitFailed, replay(h.config(), zaptest.NewLogger(t), &out))
	assert.Contains(t, out.String(), "0 handled, 1 failed again")
	assert.Equal(t, 1, h.count(func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(pat.ID) && c.Seq > h.mark
	}), "a replayed update is handled once")
}
