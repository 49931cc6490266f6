package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// flowLimits are the limits of the tests of multi-step flows.
var flowLimits = app.Limits{ConversationTTL: 10 * time.Minute, UploadQuietPeriod: 2 * time.Minute, TrashRetention: retention}

// flows is a fixture for multi-step flows: Ann with a live file, a trashed file and a category,
// Bob with a file and a category.
type flows struct {
	fixture
	ann, bob                            domain.User
	annsFile, annsTrashed, bobsFile     domain.File
	annsCategory, bobsCategory, annsOld domain.Category
}

func newFlows(t *testing.T, limits app.Limits) flows {
	t.Helper()
	f := flows{fixture: newFixture(limits)}
	f.ann, f.bob = f.register(t, 42), f.register(t, 43)
	f.annsFile = f.save(t, f.ann.ID, document("report"))
	f.annsTrashed = f.trash(t, f.ann.ID, f.save(t, f.ann.ID, document("old")).ID)
	f.bobsFile = f.save(t, f.bob.ID, document("bob's"))
	f.annsCategory, f.bobsCategory = f.category(t, f.ann.ID, "Receipts"), f.category(t, f.bob.ID, "Bob's")
	f.annsOld = f.category(t, f.ann.ID, "Old")
	_, _, err := f.app.Commands.Categories.Delete(context.Background(), f.ann.ID, f.annsOld.ID)
	require.NoError(t, err)
	return f
}

// current returns the user's flow under way; ok is false when there is none.
func (f flows) current(t *testing.T, userID int64) (domain.Conversation, bool) {
	t.Helper()
	c, ok, err := f.app.Queries.Conversations.Current(context.Background(), userID)
	require.NoError(t, err)
	return c, ok
}

func TestConversationsBegin(t *testing.T) {
	tests := []struct {
		name    string
		conv    func(f flows) domain.Conversation
		ttl     time.Duration // how long the flow waits, when it begins
		wantErr error
	}{
		{"renaming a file waits for the conversation TTL", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepRenameFile, FileID: f.annsFile.ID, Return: domain.Place{Cursor: domain.Cursor{ID: 1}}}
		}, flowLimits.ConversationTTL, nil},
		{"a new category waits for the conversation TTL", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepNewCategory}
		}, flowLimits.ConversationTTL, nil},
		{"renaming a category waits for the conversation TTL", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepRenameCategory, CategoryID: f.annsCategory.ID}
		}, flowLimits.ConversationTTL, nil},
		{"an upload into a category waits for the quiet period", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepUpload, CategoryID: f.annsCategory.ID}
		}, flowLimits.UploadQuietPeriod, nil},
		{"an upload into no category waits for the quiet period", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepUpload}
		}, flowLimits.UploadQuietPeriod, nil},
		{"renaming another user's file is forbidden", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepRenameFile, FileID: f.bobsFile.ID}
		}, 0, domain.ErrForbidden},
		{"renaming a file in the trash is not found", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepRenameFile, FileID: f.annsTrashed.ID}
		}, 0, domain.ErrNotFound},
		{"renaming an unknown file is not found", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepRenameFile, FileID: 999}
		}, 0, domain.ErrNotFound},
		{"renaming another user's category is forbidden", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepRenameCategory, CategoryID: f.bobsCategory.ID}
		}, 0, domain.ErrForbidden},
		{"uploading into another user's category is forbidden", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepUpload, CategoryID: f.bobsCategory.ID}
		}, 0, domain.ErrForbidden},
		{"uploading into a deleted category is not found", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: domain.StepUpload, CategoryID: f.annsOld.ID}
		}, 0, domain.ErrNotFound},
		{"an unknown step is not found", func(f flows) domain.Conversation {
			return domain.Conversation{UserID: f.ann.ID, Step: "dance"}
		}, 0, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFlows(t, flowLimits)
			in := tt.conv(f)
			// An expiry given by the caller is not taken: the use case sets it.
			in.ExpiresAt = start.Add(time.Hour)

			got, err := f.app.Commands.Conversations.Begin(context.Background(), in)

			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, got)
				_, ok := f.current(t, f.ann.ID)
				assert.False(t, ok, "no flow began")
				return
			}
			require.NoError(t, err)
			want := in
			want.ExpiresAt = start.Add(tt.ttl)
			assert.Equal(t, want, got)
			current, ok := f.current(t, f.ann.ID)
			require.True(t, ok)
			assert.Equal(t, want, current)
			_, ok = f.current(t, f.bob.ID)
			assert.False(t, ok, "another user's flow is apart")
		})
	}
}

func TestConversationsUploadWithoutAQuietPeriodWaitsForTheTTL(t *testing.T) {
	f := newFlows(t, app.Limits{ConversationTTL: 10 * time.Minute})
	got, err := f.app.Commands.Conversations.Begin(context.Background(), domain.Conversation{UserID: f.ann.ID, Step: domain.StepUpload})
	require.NoError(t, err)
	assert.Equal(t, start.Add(10*time.Minute), got.ExpiresAt)
}

func TestConversationsExpire(t *testing.T) {
	tests := []struct {
		name   string
		step   domain.Step
		after  time.Duration
		wantOK bool
	}{
		{"a flow is under way just before its TTL is up", domain.StepNewCategory, flowLimits.ConversationTTL - time.Microsecond, true},
		{"a flow is over when its TTL is up", domain.StepNewCategory, flowLimits.ConversationTTL, false},
		{"a flow is over long after", domain.StepNewCategory, 24 * time.Hour, false},
		{"an upload is under way just before its quiet period is up", domain.StepUpload, flowLimits.UploadQuietPeriod - time.Microsecond, true},
		{"an upload is over when its quiet period is up", domain.StepUpload, flowLimits.UploadQuietPeriod, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			f := newFlows(t, flowLimits)
			begun, err := f.app.Commands.Conversations.Begin(ctx, domain.Conversation{UserID: f.ann.ID, Step: tt.step})
			require.NoError(t, err)
			f.clock.Advance(tt.after)

			current, ok := f.current(t, f.ann.ID)
			ended, endedOK, err := f.app.Commands.Conversations.End(ctx, f.ann.ID)
			require.NoError(t, err)

			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.wantOK, endedOK, "End ends only a flow under way")
			if tt.wantOK {
				assert.Equal(t, begun, current)
				assert.Equal(t, begun, ended)
			} else {
				assert.Zero(t, current)
				assert.Equal(t, begun, ended, "an expired flow is ended and returned, so its prompt can be tidied")
				again, _, err := f.app.Commands.Conversations.End(ctx, f.ann.ID)
				require.NoError(t, err)
				assert.Zero(t, again, "and only once")
			}
		})
	}
}

func TestConversationsEnd(t *testing.T) {
	ctx := context.Background()
	f := newFlows(t, flowLimits)
	rename, err := f.app.Commands.Conversations.Begin(ctx, domain.Conversation{
		UserID: f.ann.ID, Step: domain.StepRenameFile, FileID: f.annsFile.ID, Return: domain.Place{Filter: domain.FileFilter{Kind: domain.KindPhoto}, Cursor: domain.Cursor{ID: 2}},
	})
	require.NoError(t, err)
	f.clock.Advance(time.Minute)
	upload, err := f.app.Commands.Conversations.Begin(ctx, domain.Conversation{
		UserID: f.ann.ID, Step: domain.StepUpload, CategoryID: f.annsCategory.ID, Return: domain.Place{Filter: domain.FileFilter{CategoryID: f.annsCategory.ID}},
	})
	require.NoError(t, err)

	t.Run("a new flow replaces the one under way", func(t *testing.T) {
		current, ok := f.current(t, f.ann.ID)
		require.True(t, ok)
		assert.Equal(t, upload, current)
		assert.NotEqual(t, rename, current)
	})

	ended, ok, err := f.app.Commands.Conversations.End(ctx, f.ann.ID)
	require.NoError(t, err)

	t.Run("ending a flow returns what ended", func(t *testing.T) {
		assert.True(t, ok)
		assert.Equal(t, upload, ended)
	})
	t.Run("an ended flow is no longer under way", func(t *testing.T) {
		_, ok := f.current(t, f.ann.ID)
		assert.False(t, ok)
	})
	t.Run("ending again ends nothing", func(t *testing.T) {
		c, ok, err := f.app.Commands.Conversations.End(ctx, f.ann.ID)
		require.NoError(t, err)
		assert.False(t, ok)
		assert.Zero(t, c)
	})
	t.Run("the prompt of a flow is remembered and returned when it ends", func(t *testing.T) {
		search, err := f.app.Commands.Conversations.Begin(ctx, domain.Conversation{UserID: f.ann.ID, Step: domain.StepSearch})
		require.NoError(t, err)
		require.NoError(t, f.app.Commands.Conversations.RememberPrompt(ctx, f.ann.ID, domain.StepRenameFile, 5), "another step: ignored")
		require.NoError(t, f.app.Commands.Conversations.RememberPrompt(ctx, f.ann.ID, domain.StepSearch, 42))
		ended, ok, err := f.app.Commands.Conversations.End(ctx, f.ann.ID)
		require.NoError(t, err)
		assert.True(t, ok)
		search.PromptMessageID = 42
		assert.Equal(t, search, ended)
	})
	t.Run("a user who never began a flow has none", func(t *testing.T) {
		c, ok := f.current(t, f.bob.ID)
		assert.False(t, ok)
		assert.Zero(t, c)
	})
}
