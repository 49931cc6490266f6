package memory

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// fileTagKey is a tag a file carries.
type fileTagKey struct{ tag, file int64 }

// TagRepository implements app.TagRepository in memory.
type TagRepository struct {
	store *Store
}

// NewTagRepository returns the tag repository of s.
func NewTagRepository(s *Store) TagRepository { return TagRepository{store: s} }

// tagNamed returns the owner's tag of that name; the caller holds the lock.
func (s *Store) tagNamed(owner int64, name string) (domain.Tag, bool) {
	for _, t := range s.data.tags {
		if t.OwnerID == owner && t.Name == name {
			return t, true
		}
	}
	return domain.Tag{}, false
}

// Add puts the tags of those names on the owner's file, making the new ones.
func (r TagRepository) Add(ctx context.Context, ownerID, fileID int64, names []string, at time.Time) error {
	s := r.store
	defer s.lock(ctx)()
	for _, name := range names {
		if err := checkTagName(name); err != nil {
			return err
		}
	}
	f, ok := s.data.files[fileID]
	if !ok || f.OwnerID != ownerID {
		return nil // as INSERT … SELECT over the owner's files: none, nothing
	}
	for _, name := range names {
		t, ok := s.tagNamed(ownerID, name)
		if !ok {
			s.nextTagID++
			t = domain.Tag{ID: s.nextTagID, OwnerID: ownerID, Name: name, CreatedAt: storedTime(at)}
			s.data.tags[t.ID] = t
		}
		s.data.fileTags[fileTagKey{tag: t.ID, file: fileID}] = true
	}
	return nil
}

// checkTagName applies the CHECK of tags.name.
func checkTagName(name string) error {
	if n := len([]rune(name)); n < 1 || n > domain.MaxTagRunes {
		return fmt.Errorf("add tag %q: a name of %d characters", name, n)
	}
	return nil
}

// Remove takes the tags of those names off the owner's file and forgets the unused ones.
func (r TagRepository) Remove(ctx context.Context, ownerID, fileID int64, names []string) error {
	s := r.store
	defer s.lock(ctx)()
	for _, name := range names {
		t, ok := s.tagNamed(ownerID, name)
		if !ok {
			continue
		}
		delete(s.data.fileTags, fileTagKey{tag: t.ID, file: fileID})
		if !s.tagUsed(t.ID) {
			delete(s.data.tags, t.ID)
		}
	}
	return nil
}

func (s *Store) tagUsed(id int64) bool {
	for k := range s.data.fileTags {
		if k.tag == id {
			return true
		}
	}
	return false
}

// OfFile returns the tags the owner's file carries, by name.
func (r TagRepository) OfFile(ctx context.Context, ownerID, fileID int64) ([]domain.Tag, error) {
	s := r.store
	defer s.lock(ctx)()
	var tags []domain.Tag
	for k := range s.data.fileTags {
		if t := s.data.tags[k.tag]; k.file == fileID && t.OwnerID == ownerID {
			tags = append(tags, t)
		}
	}
	slices.SortFunc(tags, func(a, b domain.Tag) int { return strings.Compare(a.Name, b.Name) })
	return tags, nil
}

// NamesOfFiles returns the tag names of each of the owner's files given.
func (r TagRepository) NamesOfFiles(ctx context.Context, ownerID int64, fileIDs []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	for _, id := range fileIDs {
		tags, err := r.OfFile(ctx, ownerID, id)
		if err != nil {
			return nil, err
		}
		for _, t := range tags {
			out[id] = append(out[id], t.Name)
		}
	}
	return out, nil
}

// Get returns the owner's tag: domain.ErrForbidden if it is someone else's.
func (r TagRepository) Get(ctx context.Context, ownerID, id int64) (domain.Tag, error) {
	s := r.store
	defer s.lock(ctx)()
	t, ok := s.data.tags[id]
	if err := ownedBy(ok, t.OwnerID, ownerID); err != nil {
		return domain.Tag{}, fmt.Errorf("tag %d of user %d: %w", id, ownerID, err)
	}
	return t, nil
}

// ByName returns the owner's tag of that name, or domain.ErrNotFound.
func (r TagRepository) ByName(ctx context.Context, ownerID int64, name string) (domain.Tag, error) {
	s := r.store
	defer s.lock(ctx)()
	t, ok := s.tagNamed(ownerID, name)
	if !ok {
		return domain.Tag{}, fmt.Errorf("tag %q of user %d: %w", name, ownerID, domain.ErrNotFound)
	}
	return t, nil
}

// List returns a page of the owner's tags that live files carry, by name, with their counts.
func (r TagRepository) List(ctx context.Context, q app.TagQuery) ([]domain.TagSummary, error) {
	if q.Limit <= 0 || (q.AfterID > 0 && q.BeforeID > 0) {
		return nil, fmt.Errorf("list tags: limit %d, after %d, before %d", q.Limit, q.AfterID, q.BeforeID)
	}
	s := r.store
	defer s.lock(ctx)()
	cursorID := max(q.AfterID, q.BeforeID)
	cursor, found := s.data.tags[cursorID]
	if q.BeforeID > 0 && (!found || cursor.OwnerID != q.OwnerID) {
		return nil, nil
	}
	if !found || cursor.OwnerID != q.OwnerID {
		cursor = domain.Tag{}
	}
	counts := map[int64]int{}
	for k := range s.data.fileTags {
		if f := s.data.files[k.file]; !f.Trashed() {
			counts[k.tag]++
		}
	}
	var page []domain.TagSummary
	for _, t := range s.data.tags {
		after := q.BeforeID == 0 && t.Name > cursor.Name
		before := q.BeforeID > 0 && t.Name < cursor.Name
		if t.OwnerID == q.OwnerID && counts[t.ID] > 0 && (after || before) {
			page = append(page, domain.TagSummary{Tag: t, Files: counts[t.ID]})
		}
	}
	slices.SortFunc(page, func(a, b domain.TagSummary) int { return strings.Compare(a.Name, b.Name) })
	if q.BeforeID > 0 {
		slices.Reverse(page)
	}
	return page[:min(len(page), q.Limit)], nil
}
