package domain

import "time"

// BulkSend is a "⬇ Send all" under way or ended: the files of a list, fixed when it was asked
// for, sent back to the owner's chat in order, Sent of them so far, with one progress message.
type BulkSend struct {
	ID        int64
	OwnerID   int64
	ChatID    int64
	MessageID int // the progress message; 0 until it is sent
	FileIDs   []int64
	Sent      int // how many of FileIDs are done (sent, or gone meanwhile), from the first
	State     BulkSendState
	MovedAt   time.Time // when it was made or last sent a group
}

// BulkSendStallAfter is how long a running send may go without sending a group before it is
// stalled: each group's job is tried again with a growing pause, so a send whose sends keep
// failing (or whose instance is gone for long) would otherwise keep its owner from any other.
const BulkSendStallAfter = 15 * time.Minute

// Stalled reports whether s runs but has not moved for BulkSendStallAfter at now.
func (s BulkSend) Stalled(now time.Time) bool {
	return s.State == BulkSendRunning && now.Sub(s.MovedAt) >= BulkSendStallAfter
}

// BulkSendState is where a BulkSend is.
type BulkSendState string

// The states of a BulkSend.
const (
	BulkSendRunning BulkSendState = "running"
	BulkSendStopped BulkSendState = "stopped" // the owner pressed ✖ Stop
	BulkSendDone    BulkSendState = "done"
)

// Total is how many files the send sends.
func (s BulkSend) Total() int { return len(s.FileIDs) }

// MaxBulkSend is the most files one send-all takes: a list longer than that sends its first.
const MaxBulkSend = 5000

// MaxMediaGroup is the most files Telegram sends as one media group.
const MaxMediaGroup = 10

// MediaGroup is the media group a file of kind k can go back in: files of one group may share an
// album (photos with videos; documents only with documents; audio only with audio). "" is none:
// voice notes, GIFs and video notes go on their own, as Telegram allows.
func (k Kind) MediaGroup() string {
	switch k {
	case KindPhoto, KindVideo:
		return "visual"
	case KindDocument, KindAudio:
		return string(k)
	}
	return ""
}

// NextBatch is what goes back next of files, in order: the first file and those after it that
// share its media group and are kept by the bot botID (a file of another bot goes alone, from its
// storage copy), at most MaxMediaGroup; a file of no group goes alone. Empty files give none.
func NextBatch(files []File, botID int64) []File {
	if len(files) == 0 {
		return nil
	}
	g := files[0].Carrier.MediaGroup()
	if g == "" || !files[0].KeptBy(botID) {
		return files[:1]
	}
	n := 1
	for n < len(files) && n < MaxMediaGroup && files[n].Carrier.MediaGroup() == g && files[n].KeptBy(botID) {
		n++
	}
	return files[:n]
}
