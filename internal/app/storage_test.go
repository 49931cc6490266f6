package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

const botA, botB int64 = 111, 222

// byBot is an incoming document the bot botID received.
func byBot(uniqueID string, botID int64) domain.IncomingFile {
	in := document(uniqueID)
	in.BotID = botID
	return in
}

func TestMovingToAnotherBot(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{BotID: botB, Admins: []int64{42}})
	ann := f.register(t, 42)
	copied := f.save(t, ann.ID, byBot("copied", botA))
	lost := f.save(t, ann.ID, byBot("lost", botA))
	mine := f.save(t, ann.ID, byBot("mine", botB))
	old := f.save(t, ann.ID, document("old"))
	s := f.app.Storage

	set, err := s.Copied(ctx, copied.ID, domain.StorageCopy{ChatID: -100, MessageID: 5})
	require.NoError(t, err)
	require.True(t, set)
	set, err = s.Copied(ctx, copied.ID, domain.StorageCopy{ChatID: -100, MessageID: 6})
	require.NoError(t, err)
	assert.False(t, set, "a second copy is one too many")

	t.Run("the profile and the stats count the copies and the files the bot cannot send", func(t *testing.T) {
		p, err := f.app.Queries.Profile.Show(ctx, ann)
		require.NoError(t, err)
		assert.Equal(t, domain.StorageCounts{Copied: 1, Unreachable: 1}, p.Storage)
		st, err := f.app.Queries.Stats.Show(ctx, ann)
		require.NoError(t, err)
		assert.Equal(t, domain.StorageCounts{Copied: 1, Unreachable: 1}, st.Storage)
	})
	t.Run("the operator lists what to rebind and what is lost", func(t *testing.T) {
		todo, err := s.ToRebind(ctx, botB, 0, 10)
		require.NoError(t, err)
		assert.Equal(t, []int64{copied.ID}, ids(todo))
		gone, err := s.Unreachable(ctx, botB, 0, 10)
		require.NoError(t, err)
		assert.Equal(t, []int64{lost.ID}, ids(gone))
	})
	t.Run("a file id got from the copy is the file's, for the new bot", func(t *testing.T) {
		done, err := s.Rebound(ctx, todo(t, f, copied), "fresh", botB)
		require.NoError(t, err)
		require.True(t, done)
		got, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: copied.ID})
		require.NoError(t, err)
		assert.Equal(t, "fresh", got.File.TelegramFileID)
		assert.True(t, got.File.KeptBy(botB))
		left, err := s.ToRebind(ctx, botB, 0, 10)
		require.NoError(t, err)
		assert.Empty(t, left)
	})
	t.Run("files of no bot are adopted once", func(t *testing.T) {
		n, err := s.Adopt(ctx, botB)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		got, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: old.ID})
		require.NoError(t, err)
		assert.Equal(t, botB, got.File.BotID)
		assert.Equal(t, botB, mine.BotID)
	})
	t.Run("a file deleted for good leaves its copy to delete", func(t *testing.T) {
		f.trash(t, ann.ID, copied.ID)
		_, err := f.app.Commands.ManageFiles.EmptyTrash(ctx, ann.ID)
		require.NoError(t, err)
		deleted, err := s.Deleted(ctx, 10)
		require.NoError(t, err)
		assert.Equal(t, []domain.StorageCopy{{ChatID: -100, MessageID: 5}}, deleted)
		require.NoError(t, s.ForgetDeleted(ctx, deleted[0]))
		deleted, err = s.Deleted(ctx, 10)
		require.NoError(t, err)
		assert.Empty(t, deleted)
	})
}

// todo is file as the store holds it now.
func todo(t *testing.T, f fixture, file domain.File) domain.File {
	t.Helper()
	got, err := f.app.Queries.GetFile.Handle(context.Background(), app.GetFileInput{OwnerID: file.OwnerID, FileID: file.ID})
	require.NoError(t, err)
	return got.File
}

func ids(files []domain.File) []int64 {
	out := make([]int64, len(files))
	for i, f := range files {
		out[i] = f.ID
	}
	return out
}

// copyJobs are the files of the copy jobs enqueued in store, in order.
func copyJobs(f fixture) []int64 {
	var ids []int64
	for _, j := range f.store.Jobs() {
		if c, ok := j.Job.(app.CopyToStorageJob); ok {
			ids = append(ids, c.FileID)
		}
	}
	return ids
}

func TestEveryFileKeptIsCopiedOnceWhenAStorageChatIsSet(t *testing.T) {
	ctx := context.Background()
	off := newFixture(app.Limits{})
	ann := off.register(t, 42)
	off.save(t, ann.ID, document("a"))
	assert.Empty(t, copyJobs(off), "no storage chat: no copy")

	f := newFixture(app.Limits{StorageChatID: -100})
	ann = f.register(t, 42)
	a := f.save(t, ann.ID, document("a"))
	f.save(t, ann.ID, document("a"))
	assert.Equal(t, []int64{a.ID}, copyJobs(f), "the copy is enqueued with the file, once")
	_, err := f.app.Storage.Copied(ctx, a.ID, domain.StorageCopy{ChatID: -100, MessageID: 1})
	require.NoError(t, err)
	b := f.save(t, ann.ID, document("b"))
	assert.Equal(t, []int64{a.ID, b.ID}, copyJobs(f))

	_, err = f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: domain.IncomingFile{UniqueID: "bad"}})
	require.Error(t, err)
	assert.Len(t, copyJobs(f), 2, "a refused file enqueues nothing")
}

func TestTheBackfillEnqueuesTheFilesWithNoCopy(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	var want []int64
	for _, u := range []string{"a", "b", "c"} {
		want = append(want, f.save(t, ann.ID, document(u)).ID)
	}
	_, err := f.app.Storage.Copied(ctx, want[1], domain.StorageCopy{ChatID: -100, MessageID: 1})
	require.NoError(t, err)
	n, err := f.app.Storage.Backfill(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, []int64{want[0], want[2]}, copyJobs(f))
	n, err = f.app.Storage.Backfill(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "run again, it goes over what has no copy yet")
	assert.Len(t, copyJobs(f), 2, "and enqueues no copy twice")

	require.NoError(t, f.app.Storage.StartBackfill(ctx, -100))
	require.NoError(t, f.app.Storage.StartBackfill(ctx, -100))
	backfills := 0
	for _, j := range f.store.Jobs() {
		if _, ok := j.Job.(app.BackfillStorageJob); ok {
			backfills++
		}
	}
	assert.Equal(t, 1, backfills, "one backfill per storage chat")
}
