package domain

import (
	"fmt"
	"testing"
)

func TestTagChangeAddsWhatIsMissingAndRemovesWhatIsThere(t *testing.T) {
	tests := []struct {
		have        []string
		edit        TagEdit
		add, remove []string
		tooMany     bool
	}{
		{nil, TagEdit{Add: []string{"trip", "trip", "2024"}}, []string{"trip", "2024"}, nil, false},
		{[]string{"trip", "draft"}, TagEdit{Add: []string{"trip", "2024"}, Remove: []string{"draft", "old"}}, []string{"2024"}, []string{"draft"}, false},
		{[]string{"x"}, TagEdit{Add: []string{"y"}, Remove: []string{"y"}}, nil, nil, false},
		{[]string{"x"}, TagEdit{Remove: []string{"x", "x"}}, nil, []string{"x"}, false},
	}
	for i, tt := range tests {
		add, remove, err := TagChange(tt.have, tt.edit)
		if err != nil || fmt.Sprint(add) != fmt.Sprint(tt.add) || fmt.Sprint(remove) != fmt.Sprint(tt.remove) {
			t.Errorf("%d: TagChange(%v, %+v) = %v, %v, %v; want %v, %v", i, tt.have, tt.edit, add, remove, err, tt.add, tt.remove)
		}
	}
	full := make([]string, MaxTagsPerFile)
	for i := range full {
		full[i] = fmt.Sprint("t", i)
	}
	if _, _, err := TagChange(full, TagEdit{Add: []string{"one more"}}); err != ErrTooManyTags {
		t.Errorf("past MaxTagsPerFile: %v, want ErrTooManyTags", err)
	}
	if add, remove, err := TagChange(full, TagEdit{Add: []string{"new"}, Remove: []string{"t0"}}); err != nil || len(add) != 1 || len(remove) != 1 {
		t.Errorf("one off, one on at the bound: %v %v %v", add, remove, err)
	}
}
