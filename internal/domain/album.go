package domain

import (
	"strings"
	"time"
)

// Album is files a user sent together as one Telegram media group: kept, listed, sent back,
// renamed, moved, trashed and shared as one. Its row is also the group's arrival state, since the
// group's files come as separate updates.
type Album struct {
	ID           int64
	OwnerID      int64
	MediaGroupID string
	Name         string // "" until the user names it
	CreatedAt    time.Time
	// Received counts the group's files that arrived; Added those of them that were new.
	Received int
	Added    int
	// LastFileAt is when the group's last file arrived; PrevFileAt when the one before it did
	// (nil while the group has had one file).
	LastFileAt time.Time
	PrevFileAt *time.Time
	// ChatID and MessageID are the message confirming the group (MessageID 0: none yet).
	ChatID    int64
	MessageID int
}

// MaxAlbumNameLen is the longest album name, in runes.
const MaxAlbumNameLen = 64

// Rename gives the album a new name, validated like a category's.
func (a *Album) Rename(name string) error {
	name, err := ValidateName(name, MaxAlbumNameLen)
	if err != nil {
		return err
	}
	a.Name = name
	return nil
}

// InWindow reports whether the group's last file came within window of the one before it, so it
// belongs with the confirmation already under way.
func (a Album) InWindow(window time.Duration) bool {
	return a.PrevFileAt != nil && a.LastFileAt.Sub(*a.PrevFileAt) <= window
}

// AlbumSummary is an album with what it holds (its live files, or its trashed ones).
type AlbumSummary struct {
	ID        int64
	Name      string
	CreatedAt time.Time
	Files     int
	Bytes     int64
	Kinds     []Kind // the kind of each file, oldest first
	Caption   string // the first caption of its files, "" if none has one
}

// KindCounts counts the album's files per kind.
func (s AlbumSummary) KindCounts() map[Kind]int {
	out := make(map[Kind]int, len(s.Kinds))
	for _, k := range s.Kinds {
		out[k]++
	}
	return out
}

// Title is what the album is called: its name, or else its first caption (on one line); "" when
// it has neither, for the view to name it by its date.
func (s AlbumSummary) Title() string {
	if s.Name != "" {
		return s.Name
	}
	return strings.Join(strings.Fields(s.Caption), " ")
}
