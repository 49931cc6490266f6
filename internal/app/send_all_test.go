package app_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// sendAllJobs are the send-all steps enqueued so far.
func (f fixture) sendAllJobs() []app.SendAllJob {
	var out []app.SendAllJob
	for _, j := range f.store.Jobs() {
		if job, ok := j.Job.(app.SendAllJob); ok {
			out = append(out, job)
		}
	}
	return out
}

func TestSendAllFixesTheListInItsOrderAndRunsOneAtATime(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	work := f.category(t, ann.ID, "Work")
	var inWork []int64
	for i := range 4 {
		file := f.save(t, ann.ID, document(fmt.Sprintf("d%d", i)))
		if i%2 == 0 {
			f.move(t, ann.ID, file.ID, work.ID)
			inWork = append(inWork, file.ID)
		}
	}
	f.save(t, bob.ID, document("bobs"))

	s, err := f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42, Filter: domain.FileFilter{CategoryID: work.ID}})
	require.NoError(t, err)
	assert.Equal(t, []int64{inWork[1], inWork[0]}, s.FileIDs, "the category's files, newest first as the list shows them")
	assert.Equal(t, domain.BulkSendRunning, s.State)
	assert.Equal(t, []app.SendAllJob{{SendID: s.ID}}, f.sendAllJobs(), "its first step is enqueued with it")

	_, err = f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42})
	var running app.BulkSendRunningError
	require.ErrorAs(t, err, &running, "a second send while one runs is refused")
	assert.Equal(t, s.ID, running.Running.ID)

	_, err = f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: bob.ID, ChatID: 43, Filter: domain.FileFilter{CategoryID: work.ID}})
	assert.True(t, errors.Is(err, domain.ErrForbidden) || errors.Is(err, domain.ErrNotFound), "another's category sends nothing: %v", err)

	_, err = f.app.Commands.SendAll.Stop(ctx, bob.ID, s.ID)
	assert.ErrorIs(t, err, domain.ErrNotFound, "nobody stops another's send")
	stopped, err := f.app.Commands.SendAll.Stop(ctx, ann.ID, s.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.BulkSendStopped, stopped.State)
	_, err = f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42, Filter: domain.FileFilter{Kind: domain.KindVideo}})
	assert.ErrorIs(t, err, domain.ErrNotFound, "an empty list has nothing to send")
	again, err := f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42})
	require.NoError(t, err, "once stopped, another may start")
	assert.Len(t, again.FileIDs, 4)
}

func TestSendAllStepsAdvanceSkipGoneFilesAndStopWhenStopped(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	var files []domain.File
	for i := range 5 {
		files = append(files, f.save(t, ann.ID, photo(fmt.Sprintf("p%d", i))))
	}
	sends := f.app.Commands.SendAll
	s, err := sends.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42, Sort: domain.SortOldest})
	require.NoError(t, err)
	require.NoError(t, f.store.Repos().Files.Delete(ctx, ann.ID, files[0].ID), "the first file is deleted for good meanwhile")
	require.NoError(t, f.store.Repos().Files.Delete(ctx, ann.ID, files[2].ID))

	step, err := sends.Next(ctx, s.ID, domain.MaxMediaGroup)
	require.NoError(t, err)
	assert.Equal(t, 1, step.Skipped, "the gone file before the next ones is skipped")
	assert.Equal(t, []int64{files[1].ID}, fileIDs(step.Files), "the window ends at a gone file: the next step skips it")
	assert.Equal(t, ann.ID, step.Owner.ID)

	now, err := sends.Advance(ctx, s.ID, step.Skipped+len(step.Files))
	require.NoError(t, err)
	assert.Equal(t, 2, now.Sent)
	_, err = sends.Advance(ctx, s.ID, 1)
	require.NoError(t, err)
	step, err = sends.Next(ctx, s.ID, domain.MaxMediaGroup)
	require.NoError(t, err)
	assert.Equal(t, 2, step.Send.Sent, "a step never goes back")
	assert.Equal(t, []int64{files[3].ID, files[4].ID}, fileIDs(step.Files))
	assert.Equal(t, []app.SendAllJob{{SendID: s.ID}, {SendID: s.ID, From: 2}}, f.sendAllJobs(), "each step enqueues the next, once")

	_, err = sends.Stop(ctx, ann.ID, s.ID)
	require.NoError(t, err)
	now, err = sends.Advance(ctx, s.ID, 5)
	require.NoError(t, err)
	assert.Equal(t, domain.BulkSendStopped, now.State)
	assert.Equal(t, 5, now.Sent, "the group on its way at the stop is counted")
	assert.Len(t, f.sendAllJobs(), 2, "a stopped send enqueues no more steps")
	done, err := sends.Finish(ctx, ann.ID, s.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.BulkSendStopped, done.State, "an ended send stays as it ended")
}

func TestSendAllTakesEveryFileOfAnAlbumTheListShowsAsOne(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	single := f.save(t, ann.ID, document("alone"))
	a := f.sendAlbumFile(t, ann.ID, photo("a1"), "g1")
	b := f.sendAlbumFile(t, ann.ID, photo("a2"), "g1")
	require.Len(t, f.listAll(t, ann.ID, domain.FileFilter{}), 2, "the list shows the album as one entry")

	s, err := f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42})
	require.NoError(t, err)
	assert.Equal(t, []int64{a.File.ID, b.File.ID, single.ID}, s.FileIDs, "the album's files where it is listed, oldest first")
}

func TestNextBatchGroupsKindsAsTelegramAllows(t *testing.T) {
	of := func(kinds ...domain.Kind) []domain.File {
		out := make([]domain.File, len(kinds))
		for i, k := range kinds {
			out[i] = domain.File{ID: int64(i + 1), Carrier: k}
		}
		return out
	}
	p, v, d, a := domain.KindPhoto, domain.KindVideo, domain.KindDocument, domain.KindAudio
	tests := []struct {
		name  string
		files []domain.File
		want  int
	}{
		{"photos and videos go together", of(p, v, p, d), 3},
		{"documents only with documents", of(d, d, p), 2},
		{"audio only with audio", of(a, a, d), 2},
		{"a voice note goes alone", of(domain.KindVoice, domain.KindVoice), 1},
		{"a GIF goes alone", of(domain.KindAnimation, p), 1},
		{"a video note goes alone", of(domain.KindVideoNote, domain.KindVideoNote), 1},
		{"at most ten", of(p, p, p, p, p, p, p, p, p, p, p, p), 10},
		{"none", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Len(t, domain.NextBatch(tt.files, 7), tt.want)
		})
	}
	t.Run("a file of another bot goes alone, from its copy", func(t *testing.T) {
		files := of(p, p, p)
		files[1].BotID = 9
		assert.Len(t, domain.NextBatch(files, 7), 1)
		assert.Len(t, domain.NextBatch(files[1:], 7), 1)
	})
}

func TestAStalledSendAllGivesWayToTheOwnersNext(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	for i := range 3 {
		f.save(t, ann.ID, document(fmt.Sprintf("d%d", i)))
	}
	first, err := f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42})
	require.NoError(t, err)

	// A group sent keeps it going: still refused just short of the stall after that group.
	f.clock.Advance(domain.BulkSendStallAfter - time.Minute)
	_, err = f.app.Commands.SendAll.Advance(ctx, first.ID, 1)
	require.NoError(t, err)
	f.clock.Advance(domain.BulkSendStallAfter - time.Second)
	_, err = f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42})
	var running app.BulkSendRunningError
	require.ErrorAs(t, err, &running, "a send that moved within the stall runs on")

	// Its job fails every try from here: the stall passes and the next press starts anew.
	f.clock.Advance(time.Second)
	next, err := f.app.Commands.SendAll.Start(ctx, app.StartSendAllInput{OwnerID: ann.ID, ChatID: 42})
	require.NoError(t, err, "a stalled send gives way")
	assert.NotEqual(t, first.ID, next.ID)
	old, err := f.app.Commands.SendAll.Next(ctx, first.ID, domain.MaxMediaGroup)
	require.NoError(t, err)
	assert.Equal(t, domain.BulkSendStopped, old.Send.State, "the stalled one is stopped: its job sends nothing more")
}
