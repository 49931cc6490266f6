package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// SelectionStore implements app.SelectionStore in memory.
type SelectionStore struct{ store *Store }

// NewSelectionStore returns the selections of s.
func NewSelectionStore(s *Store) SelectionStore { return SelectionStore{store: s} }

// Get returns the owner's selection as stored, expired or not, or domain.ErrNotFound.
func (r SelectionStore) Get(ctx context.Context, ownerID int64) (domain.Selection, error) {
	s := r.store
	defer s.lock(ctx)()
	sel, ok := s.data.selections[ownerID]
	if !ok {
		return domain.Selection{}, fmt.Errorf("selection of user %d: %w", ownerID, domain.ErrNotFound)
	}
	sel.FileIDs = slices.Clone(sel.FileIDs)
	return sel, nil
}

// Put stores sel as its owner's selection; like the table's check, it refuses more than
// domain.MaxSelection files, and an owner who is not a user (the foreign key).
func (r SelectionStore) Put(ctx context.Context, sel domain.Selection) error {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.users[sel.OwnerID]; !ok {
		return fmt.Errorf("selection of user %d: no such user", sel.OwnerID)
	}
	if len(sel.FileIDs) > domain.MaxSelection {
		return fmt.Errorf("selection of user %d: %d files, more than %d", sel.OwnerID, len(sel.FileIDs), domain.MaxSelection)
	}
	sel.FileIDs = slices.Clone(sel.FileIDs)
	if sel.FileIDs == nil {
		sel.FileIDs = []int64{}
	}
	sel.ExpiresAt = storedTime(sel.ExpiresAt)
	s.data.selections[sel.OwnerID] = sel
	return nil
}

// Clear forgets the owner's selection, if any.
func (r SelectionStore) Clear(ctx context.Context, ownerID int64) error {
	s := r.store
	defer s.lock(ctx)()
	delete(s.data.selections, ownerID)
	return nil
}

// BatchRepository implements app.BatchRepository in memory.
type BatchRepository struct{ store *Store }

// NewBatchRepository returns the batches of s.
func NewBatchRepository(s *Store) BatchRepository { return BatchRepository{store: s} }

// Create stores b with its items and returns it with its id.
func (r BatchRepository) Create(ctx context.Context, b domain.Batch) (domain.Batch, error) {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.users[b.OwnerID]; !ok {
		return domain.Batch{}, fmt.Errorf("batch of user %d: no such user", b.OwnerID)
	}
	s.nextBatchID++
	b.ID = s.nextBatchID
	b.At = storedTime(b.At)
	b.Items = slices.Clone(b.Items)
	for i, it := range b.Items {
		if it.DeletedAt != nil {
			at := storedTime(*it.DeletedAt)
			b.Items[i].DeletedAt = &at
		}
		b.Items[i].TagsAdded, b.Items[i].TagsRemoved = slices.Clone(it.TagsAdded), slices.Clone(it.TagsRemoved)
	}
	s.data.batches[b.ID] = b
	return r.copyOf(b), nil
}

// Get returns the owner's batch: domain.ErrForbidden if it is someone else's.
func (r BatchRepository) Get(ctx context.Context, ownerID, id int64) (domain.Batch, error) {
	s := r.store
	defer s.lock(ctx)()
	b, ok := s.data.batches[id]
	switch {
	case !ok:
		return domain.Batch{}, fmt.Errorf("batch %d: %w", id, domain.ErrNotFound)
	case b.OwnerID != ownerID:
		return domain.Batch{}, fmt.Errorf("batch %d of user %d: %w", id, ownerID, domain.ErrForbidden)
	}
	return r.copyOf(b), nil
}

// MarkUndone records that the owner's batch was undone at at, unless it was undone before.
func (r BatchRepository) MarkUndone(ctx context.Context, ownerID, id int64, at time.Time) (bool, error) {
	s := r.store
	defer s.lock(ctx)()
	b, ok := s.data.batches[id]
	if !ok || b.OwnerID != ownerID || b.UndoneAt != nil {
		return false, nil
	}
	at = storedTime(at)
	b.UndoneAt = &at
	s.data.batches[id] = b
	return true, nil
}

// Prune keeps the owner's keep newest batches and deletes the others.
func (r BatchRepository) Prune(ctx context.Context, ownerID int64, keep int) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	var own []int64
	for id, b := range s.data.batches {
		if b.OwnerID == ownerID {
			own = append(own, id)
		}
	}
	slices.SortFunc(own, func(a, b int64) int { return cmp.Compare(b, a) })
	n := 0
	for _, id := range own[min(keep, len(own)):] {
		delete(s.data.batches, id)
		n++
	}
	return n, nil
}

// copyOf is b with slices of its own, so the caller cannot write through to the store.
func (BatchRepository) copyOf(b domain.Batch) domain.Batch {
	b.Items = slices.Clone(b.Items)
	return b
}
