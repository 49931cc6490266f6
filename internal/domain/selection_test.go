package domain

import (
	"errors"
	"testing"
	"time"
)

var selT0 = time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC)

func TestSelectionToggles(t *testing.T) {
	s := NewSelection(1, FileFilter{}, selT0)
	if s.Expired(selT0.Add(SelectionTTL-time.Nanosecond)) || !s.Expired(selT0.Add(SelectionTTL)) {
		t.Fatalf("a selection lasts SelectionTTL: expires at %v", s.ExpiresAt)
	}
	for _, id := range []int64{5, 3, 5} {
		if err := s.Toggle(id, selT0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.FileIDs) != 1 || s.FileIDs[0] != 3 || s.Has(5) {
		t.Errorf("a second toggle unselects: %v", s.FileIDs)
	}
	if !s.ExpiresAt.Equal(selT0.Add(time.Minute + SelectionTTL)) {
		t.Errorf("a change keeps it another SelectionTTL: %v", s.ExpiresAt)
	}
}

func TestSelectionIsBounded(t *testing.T) {
	s := NewSelection(1, FileFilter{}, selT0)
	for id := int64(1); id <= MaxSelection; id++ {
		if err := s.Toggle(id, selT0); err != nil {
			t.Fatal(err)
		}
	}
	err := s.Toggle(MaxSelection+1, selT0)
	var full *SelectionFullError
	if !errors.As(err, &full) || full.Max != MaxSelection || !errors.Is(err, ErrQuotaExceeded) {
		t.Fatalf("the file past the bound: %v", err)
	}
	if err := s.Toggle(1, selT0); err != nil {
		t.Errorf("unselecting a full selection: %v", err)
	}
	if err := s.TogglePage([]int64{1, MaxSelection + 1}, selT0); !errors.As(err, &full) {
		t.Errorf("a page past the bound is refused whole: %v", err)
	}
	if s.Has(1) {
		t.Error("a refused page adds nothing")
	}
}

func TestSelectionTogglesAPage(t *testing.T) {
	s := NewSelection(1, FileFilter{}, selT0)
	_ = s.Toggle(2, selT0)
	page := []int64{1, 2, 3}
	if err := s.TogglePage(page, selT0); err != nil || !s.AllOf(page) || len(s.FileIDs) != 3 {
		t.Fatalf("a page is selected once: %v %v", s.FileIDs, err)
	}
	_ = s.Toggle(9, selT0)
	if err := s.TogglePage(page, selT0); err != nil || len(s.FileIDs) != 1 || !s.Has(9) {
		t.Errorf("a whole page selected is unselected, the rest kept: %v %v", s.FileIDs, err)
	}
	if s.AllOf(nil) {
		t.Error("an empty page is not all selected")
	}
}

func TestBatchRecordsAndRevertsEachFile(t *testing.T) {
	work, home := int64(7), int64(8)
	at := selT0.Add(123456789 * time.Nanosecond)
	move := NewBatch(1, BatchMove, &work, at)
	if !move.At.Equal(at.Truncate(time.Microsecond)) {
		t.Errorf("At is kept to the microsecond: %v", move.At)
	}
	inHome := File{ID: 1, CategoryID: &home}
	none := File{ID: 2}
	inWork := File{ID: 3, CategoryID: &work}
	if move.Applies(inWork) || !move.Applies(inHome) || !move.Applies(none) {
		t.Error("a move applies to the live files not already there")
	}
	move.Apply(&inHome)
	move.Apply(&none)
	if *inHome.CategoryID != work || *none.CategoryID != work || len(move.Items) != 2 {
		t.Fatalf("moved: %v %v", inHome.CategoryID, none.CategoryID)
	}
	if !move.Unchanged(inHome) {
		t.Error("a file as the batch left it is unchanged")
	}
	move.Revert(&inHome, move.Items[0])
	move.Revert(&none, move.Items[1])
	if *inHome.CategoryID != home || none.CategoryID != nil {
		t.Errorf("each back in its own category: %v %v", inHome.CategoryID, none.CategoryID)
	}
	if move.Unchanged(inHome) {
		t.Error("a file moved since is changed")
	}

	trash := NewBatch(1, BatchTrash, nil, at)
	f := File{ID: 4}
	trash.Apply(&f)
	if !f.Trashed() || !trash.Unchanged(f) {
		t.Fatal("a trashed file is recognised by its DeletedAt")
	}
	trash.Revert(&f, trash.Items[0])
	if f.Trashed() || trash.Applies(File{DeletedAt: &at}) {
		t.Error("undone, the file is live; a trashed file is not trashed again")
	}
	restore := NewBatch(1, BatchRestore, nil, at)
	if restore.Applies(File{}) || !BatchRestore.Valid() || BatchAction("x").Valid() {
		t.Error("a restore applies to trashed files only")
	}
}
