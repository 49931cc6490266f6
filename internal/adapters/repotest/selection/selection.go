// Package selection is the contract of the ports behind select-many: app.SelectionStore, which
// keeps each user's selection, and app.BatchRepository, which keeps the batches to undo.
package selection

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Run runs the contract on storage from newUOW, fresh for every case.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	t.Run("selections", func(t *testing.T) { fixture.RunContracts(t, newUOW, seedTwoUsers, selectionCases) })
	t.Run("batches", func(t *testing.T) { fixture.RunContracts(t, newUOW, seedTwoUsers, batchCases) })
}

type users struct{ ann, bob domain.User }

func seedTwoUsers(t *testing.T, uow app.UnitOfWork) users {
	return users{ann: fixture.MustUpsert(t, uow, fixture.NewUser(42)), bob: fixture.MustUpsert(t, uow, fixture.NewUser(43))}
}

func selectionOf(owner int64, filter domain.FileFilter, ids ...int64) domain.Selection {
	return domain.Selection{OwnerID: owner, Filter: filter, FileIDs: ids, ExpiresAt: fixture.T0.Add(domain.SelectionTTL)}
}

var selectionCases = []fixture.Contract[users]{
	{Name: "a selection is read back as stored, its list and its files in order", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			for _, f := range []domain.FileFilter{
				{}, {Kind: domain.KindPhoto}, {CategoryID: 7}, {Uncategorised: true}, {Trashed: true}, {SearchID: 9}, {TagID: 4}, {CategoryID: 7, Kind: domain.KindVideo},
			} {
				want := selectionOf(u.ann.ID, f, 30, 10, 20)
				require.NoError(t, r.Selections.Put(ctx, want))
				got, err := r.Selections.Get(ctx, u.ann.ID)
				require.NoError(t, err)
				got.ExpiresAt = got.ExpiresAt.UTC()
				assert.Equal(t, want, got)
			}
		})
	}},
	{Name: "a user has one selection: a new one replaces it, and it is nobody else's", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Selections.Put(ctx, selectionOf(u.ann.ID, domain.FileFilter{}, 1, 2)))
			require.NoError(t, r.Selections.Put(ctx, selectionOf(u.ann.ID, domain.FileFilter{Trashed: true}, 3)))
			got, err := r.Selections.Get(ctx, u.ann.ID)
			require.NoError(t, err)
			assert.Equal(t, []int64{3}, got.FileIDs)
			assert.True(t, got.Filter.Trashed)
			_, err = r.Selections.Get(ctx, u.bob.ID)
			assert.ErrorIs(t, err, domain.ErrNotFound)
		})
	}},
	{Name: "an empty selection is kept empty, and a cleared one is gone", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Selections.Put(ctx, selectionOf(u.ann.ID, domain.FileFilter{})))
			got, err := r.Selections.Get(ctx, u.ann.ID)
			require.NoError(t, err)
			assert.Empty(t, got.FileIDs)
			require.NoError(t, r.Selections.Clear(ctx, u.ann.ID))
			_, err = r.Selections.Get(ctx, u.ann.ID)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			assert.NoError(t, r.Selections.Clear(ctx, u.ann.ID), "clearing none is no error")
		})
	}},
	{Name: "a selection past the bound is refused", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		ids := make([]int64, domain.MaxSelection+1)
		for i := range ids {
			ids[i] = int64(i + 1)
		}
		err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			return r.Selections.Put(ctx, selectionOf(u.ann.ID, domain.FileFilter{}, ids...))
		})
		assert.Error(t, err)
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			assert.NoError(t, r.Selections.Put(ctx, selectionOf(u.ann.ID, domain.FileFilter{}, ids[:domain.MaxSelection]...)))
		})
	}},
}

func batchOf(owner int64) domain.Batch {
	cat := int64(5)
	at := fixture.T0.Add(-time.Hour)
	b := domain.NewBatch(owner, domain.BatchMove, &cat, fixture.T0)
	b.Items = []domain.BatchItem{{FileID: 3, CategoryID: &cat}, {FileID: 8, DeletedAt: &at}, {FileID: 11}}
	return b
}

func utcBatch(b domain.Batch) domain.Batch {
	b.At = b.At.UTC()
	for i, it := range b.Items {
		if it.DeletedAt != nil {
			at := it.DeletedAt.UTC()
			b.Items[i].DeletedAt = &at
		}
	}
	if b.UndoneAt != nil {
		at := b.UndoneAt.UTC()
		b.UndoneAt = &at
	}
	return b
}

var batchCases = []fixture.Contract[users]{
	{Name: "a tag batch is read back with the tags it put on and took off each file", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			b := domain.NewBatch(u.ann.ID, domain.BatchTag, nil, fixture.T0)
			b.Items = []domain.BatchItem{
				{FileID: 3, TagsAdded: []string{"trip", "2024"}, TagsRemoved: []string{"draft"}},
				{FileID: 8, TagsAdded: []string{"trip"}},
				{FileID: 11, TagsRemoved: []string{"old", "draft"}},
			}
			stored, err := r.Batches.Create(ctx, b)
			require.NoError(t, err)
			got, err := r.Batches.Get(ctx, u.ann.ID, stored.ID)
			require.NoError(t, err)
			b.ID = stored.ID
			assert.Equal(t, b, utcBatch(got))
		})
	}},
	{Name: "a batch is read back with its files as they were, by its owner only", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			stored, err := r.Batches.Create(ctx, batchOf(u.ann.ID))
			require.NoError(t, err)
			assert.Positive(t, stored.ID)
			got, err := r.Batches.Get(ctx, u.ann.ID, stored.ID)
			require.NoError(t, err)
			want := batchOf(u.ann.ID)
			want.ID = stored.ID
			assert.Equal(t, want, utcBatch(got))
			_, err = r.Batches.Get(ctx, u.bob.ID, stored.ID)
			assert.ErrorIs(t, err, domain.ErrForbidden)
			_, err = r.Batches.Get(ctx, u.ann.ID, stored.ID+100)
			assert.ErrorIs(t, err, domain.ErrNotFound)
		})
	}},
	{Name: "a batch is marked undone once, and only by its owner", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			b, err := r.Batches.Create(ctx, batchOf(u.ann.ID))
			require.NoError(t, err)
			marked, err := r.Batches.MarkUndone(ctx, u.bob.ID, b.ID, fixture.T0)
			require.NoError(t, err)
			assert.False(t, marked, "not Bob's")
			marked, err = r.Batches.MarkUndone(ctx, u.ann.ID, b.ID, fixture.T0)
			require.NoError(t, err)
			assert.True(t, marked)
			marked, err = r.Batches.MarkUndone(ctx, u.ann.ID, b.ID, fixture.T0.Add(time.Minute))
			require.NoError(t, err)
			assert.False(t, marked, "undone already")
			got, err := r.Batches.Get(ctx, u.ann.ID, b.ID)
			require.NoError(t, err)
			require.NotNil(t, got.UndoneAt)
			assert.True(t, got.UndoneAt.Equal(fixture.T0), "the first undo's time stands")
		})
	}},
	{Name: "pruning keeps the owner's newest batches and no one else's are touched", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			var ann []int64
			for range 4 {
				b, err := r.Batches.Create(ctx, batchOf(u.ann.ID))
				require.NoError(t, err)
				ann = append(ann, b.ID)
			}
			bobs, err := r.Batches.Create(ctx, batchOf(u.bob.ID))
			require.NoError(t, err)
			n, err := r.Batches.Prune(ctx, u.ann.ID, 2)
			require.NoError(t, err)
			assert.Equal(t, 2, n)
			for i, id := range ann {
				_, err := r.Batches.Get(ctx, u.ann.ID, id)
				if i < 2 {
					assert.ErrorIs(t, err, domain.ErrNotFound, "batch %d is old", i)
				} else {
					assert.NoError(t, err, "batch %d is new", i)
				}
			}
			_, err = r.Batches.Get(ctx, u.bob.ID, bobs.ID)
			assert.NoError(t, err)
		})
	}},
}
