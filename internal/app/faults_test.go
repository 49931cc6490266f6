package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var errBroken = errors.New("repository is broken")

// faultyUnitOfWork runs units of work over a real store with some repository calls failing, as a
// store that fails half-way through would.
type faultyUnitOfWork struct {
	app.UnitOfWork
	breakRepos func(r *app.Repos)
}

func (u faultyUnitOfWork) Do(ctx context.Context, fn func(context.Context, app.Repos) error) error {
	return u.UnitOfWork.Do(ctx, func(ctx context.Context, r app.Repos) error {
		u.breakRepos(&r)
		return fn(ctx, r)
	})
}

// brokenConversations fails the calls named true.
type brokenConversations struct {
	app.ConversationStore
	get, put, clear, take bool
}

func (c brokenConversations) Take(ctx context.Context, userID int64) (domain.Conversation, error) {
	if c.take {
		return domain.Conversation{}, errBroken
	}
	return c.ConversationStore.Take(ctx, userID)
}

func (c brokenConversations) Get(ctx context.Context, userID int64, now time.Time) (domain.Conversation, error) {
	if c.get {
		return domain.Conversation{}, errBroken
	}
	return c.ConversationStore.Get(ctx, userID, now)
}

func (c brokenConversations) Put(ctx context.Context, conv domain.Conversation) error {
	if c.put {
		return errBroken
	}
	return c.ConversationStore.Put(ctx, conv)
}

func (c brokenConversations) Clear(ctx context.Context, userID int64) error {
	if c.clear {
		return errBroken
	}
	return c.ConversationStore.Clear(ctx, userID)
}

// brokenCategories fails Get.
type brokenCategories struct{ app.CategoryRepository }

func (brokenCategories) Get(context.Context, int64, int64) (domain.Category, error) {
	return domain.Category{}, errBroken
}

// brokenFiles fails Update and the counts.
type brokenFiles struct{ app.FileRepository }

func (brokenFiles) Update(context.Context, domain.File) error { return errBroken }

func (brokenFiles) CountUncategorised(context.Context, int64) (int, error) { return 0, errBroken }

func (brokenFiles) CountTrashed(context.Context, int64) (int, error) { return 0, errBroken }

func TestSaveFileReportsAFailureHalfWay(t *testing.T) {
	tests := []struct {
		name       string
		breakRepos func(r *app.Repos)
		trashed    bool // the file sent is in the trash
	}{
		{"the upload cannot be read", func(r *app.Repos) {
			r.Conversations = brokenConversations{ConversationStore: r.Conversations, get: true}
		}, false},
		{"the upload cannot be kept going", func(r *app.Repos) {
			r.Conversations = brokenConversations{ConversationStore: r.Conversations, put: true}
		}, false},
		{"the upload's category cannot be read", func(r *app.Repos) { r.Categories = brokenCategories{r.Categories} }, false},
		{"a trashed file cannot be restored", func(r *app.Repos) { r.Files = brokenFiles{r.Files} }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name+": the file is not kept", func(t *testing.T) {
			ctx := context.Background()
			f := newFlows(t, flowLimits)
			begun := f.beginUpload(t, f.ann.ID, f.annsCategory.ID)
			faulty := app.New(faultyUnitOfWork{UnitOfWork: f.store.UnitOfWork(), breakRepos: tt.breakRepos}, f.clock, app.RandomTokens{}, flowLimits)
			in := document("new")
			if tt.trashed {
				in = document("old")
			}
			before := f.counts(t, f.ann.ID)
			f.clock.Advance(time.Minute)

			res, err := faulty.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: f.ann.ID, File: in})

			assert.ErrorIs(t, err, errBroken)
			assert.Zero(t, res)
			assert.Equal(t, before, f.counts(t, f.ann.ID), "nothing was kept or restored")
			c, ok := f.current(t, f.ann.ID)
			require.True(t, ok)
			assert.Equal(t, begun, c, "the upload is as it was")
		})
	}
}

func TestUseCasesReportAFailureHalfWay(t *testing.T) {
	ctx := context.Background()
	f := newFlows(t, flowLimits)
	_, err := f.app.Commands.Conversations.Begin(ctx, domain.Conversation{UserID: f.ann.ID, Step: domain.StepNewCategory})
	require.NoError(t, err)
	faulty := func(breakRepos func(r *app.Repos)) app.Application {
		return app.New(faultyUnitOfWork{UnitOfWork: f.store.UnitOfWork(), breakRepos: breakRepos}, f.clock, app.RandomTokens{}, flowLimits)
	}
	files := func(r *app.Repos) { r.Files = brokenFiles{r.Files} }
	categories := func(r *app.Repos) { r.Categories = brokenCategories{r.Categories} }

	tests := []struct {
		name string
		call func() error
	}{
		{"ending a flow that cannot be taken reports the failure", func() error {
			_, ok, err := faulty(func(r *app.Repos) {
				r.Conversations = brokenConversations{ConversationStore: r.Conversations, take: true}
			}).Commands.Conversations.End(ctx, f.ann.ID)
			assert.False(t, ok)
			return err
		}},
		{"listing categories without the uncategorised count reports the failure", func() error {
			_, err := faulty(files).Queries.Categories.List(ctx, f.ann.ID, domain.Cursor{}, 0)
			return err
		}},
		{"counting files without the trash count reports the failure", func() error {
			_, err := faulty(files).Queries.FileCounts.Handle(ctx, f.ann.ID)
			return err
		}},
		{"renaming a file that cannot be stored reports the failure", func() error {
			_, err := faulty(files).Commands.ManageFiles.Rename(ctx, f.ann.ID, f.annsFile.ID, "new")
			return err
		}},
		{"getting a file whose category cannot be read reports the failure", func() error {
			f.move(t, f.ann.ID, f.annsFile.ID, f.annsCategory.ID)
			_, err := faulty(categories).Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: f.ann.ID, FileID: f.annsFile.ID})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, tt.call(), errBroken)
		})
	}

	t.Run("the flow is still under way after the failures", func(t *testing.T) {
		_, ok := f.current(t, f.ann.ID)
		assert.True(t, ok)
	})
	t.Run("the file kept its name", func(t *testing.T) {
		assert.Equal(t, f.annsFile.Name, f.file(t, f.ann.ID, f.annsFile.ID).Name)
	})
}
