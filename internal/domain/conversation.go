package domain

import (
	"slices"
	"time"
)

// Step is what a multi-step conversation waits for. The steps there are are the rows of the step
// registry (Steps); storage keeps a step as its name and checks it against the registry on reading.
type Step string

// The steps of the multi-step flows.
const (
	StepRenameFile     Step = "rename_file"     // the next text is the file's new name
	StepNewCategory    Step = "new_category"    // the next text is a new category's name
	StepRenameCategory Step = "rename_category" // the next text is the category's new name
	StepUpload         Step = "upload"          // files sent now go into CategoryID (0: none)
	StepSearch         Step = "search"          // the next text is a search query
	StepEditTags       Step = "edit_tags"       // the next text is tags to add to FileID or take off it
	StepRenameAlbum    Step = "rename_album"    // the next text names the album of file FileID
	StepTagSelection   Step = "tag_selection"   // the next text is tags for the selection on the list Return shows
)

// Expiry is which wait a step gets before its flow is over.
type Expiry int

// The waits of the steps; the durations are the app's limits.
const (
	// ExpiresAfterTTL: the step waits the conversation TTL from when it began.
	ExpiresAfterTTL Expiry = iota
	// ExpiresWhenQuiet: the step ends after the upload quiet period, which every file sent renews.
	ExpiresWhenQuiet
)

// StepInfo is a step's row in the registry.
type StepInfo struct {
	Step   Step
	Expiry Expiry
}

// steps is the step registry: one row per step. A new flow adds its row here and nowhere in the
// schema.
var steps = []StepInfo{
	{Step: StepRenameFile, Expiry: ExpiresAfterTTL},
	{Step: StepNewCategory, Expiry: ExpiresAfterTTL},
	{Step: StepRenameCategory, Expiry: ExpiresAfterTTL},
	{Step: StepUpload, Expiry: ExpiresWhenQuiet},
	{Step: StepSearch, Expiry: ExpiresAfterTTL},
	{Step: StepEditTags, Expiry: ExpiresAfterTTL},
	{Step: StepRenameAlbum, Expiry: ExpiresAfterTTL},
	{Step: StepTagSelection, Expiry: ExpiresAfterTTL},
}

// Steps returns the step registry: every step there is, each once.
func Steps() []StepInfo { return slices.Clone(steps) }

// LookupStep returns the registry's row of s; ok is false for a step it does not know.
func LookupStep(s Step) (info StepInfo, ok bool) {
	i := slices.IndexFunc(steps, func(row StepInfo) bool { return row.Step == s })
	if i < 0 {
		return StepInfo{}, false
	}
	return steps[i], true
}

// Valid reports whether s is a step of the registry.
func (s Step) Valid() bool {
	_, ok := LookupStep(s)
	return ok
}

// Place is where a flow returns when it ends: a page of one of the user's file lists.
type Place struct {
	Filter FileFilter
	Cursor Cursor
}

// Conversation is the state of a user's multi-step flow. It is kept in storage with an expiry so a
// restart or another instance continues it.
type Conversation struct {
	UserID     int64
	Step       Step
	FileID     int64 // StepRenameFile, StepEditTags; StepRenameAlbum: a file of the album
	CategoryID int64 // StepRenameCategory, StepUpload
	Return     Place // where the flow returns when it ends
	ExpiresAt  time.Time
	// PromptMessageID is the message that asks for the next step (0: not known), whose Cancel
	// button goes when the flow ends.
	PromptMessageID int
}

// Expired reports whether the conversation is over at now.
func (c Conversation) Expired(now time.Time) bool { return !now.Before(c.ExpiresAt) }
