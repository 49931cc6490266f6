package domain

import "time"

// Step is what a multi-step conversation waits for.
type Step string

// The steps of the multi-step flows.
const (
	StepRenameFile     Step = "rename_file"     // the next text is the file's new name
	StepNewCategory    Step = "new_category"    // the next text is a new category's name
	StepRenameCategory Step = "rename_category" // the next text is the category's new name
	StepUpload         Step = "upload"          // files sent now go into CategoryID (0: none)
	StepSearch         Step = "search"          // the next text is a search query
)

// Conversation is the state of a user's multi-step flow. It is kept in storage with an expiry so a
// restart or another instance continues it.
type Conversation struct {
	UserID     int64
	Step       Step
	FileID     int64  // StepRenameFile
	CategoryID int64  // StepRenameCategory, StepUpload
	Context    string // opaque to the use cases: where the adapter returns when the flow ends
	ExpiresAt  time.Time
	// PromptMessageID is the message that asks for the next step (0: not known), whose Cancel
	// button goes when the flow ends.
	PromptMessageID int
}

// Valid reports whether s is a known step.
func (s Step) Valid() bool {
	switch s {
	case StepRenameFile, StepNewCategory, StepRenameCategory, StepUpload, StepSearch:
		return true
	}
	return false
}

// Expired reports whether the conversation is over at now.
func (c Conversation) Expired(now time.Time) bool { return !now.Before(c.ExpiresAt) }
